import {EngineError} from "../EngineError.js";
import type {EngineRuntime} from "../EngineRuntime.js";
import {JsonSchemaGrammarError} from "../grammar/JsonSchemaGrammarError.js";

/** The schema's grammar and check; a schema the grammar can't follow is a 400 naming the keyword, where it is, and `param`. */
export async function checkedSchemaGrammar(runtime: EngineRuntime, schema: object, param: string) {
    try {
        return await runtime.schemaGrammar(schema);
    } catch (error) {
        if (!(error instanceof JsonSchemaGrammarError)) throw error;
        throw new EngineError("unsupported_parameter", `{param} ${error.message}.`, {param, cause: error});
    }
}
