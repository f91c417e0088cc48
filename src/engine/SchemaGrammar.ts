import type {LlamaGrammar} from "node-llama-cpp";
import type {SchemaValidation} from "./grammar/createSchemaValidator.js";

/** A JSON Schema made ready for generation: the grammar that steers the model, and the full check of its answer. */
export type SchemaGrammar = {
    grammar: LlamaGrammar,

    /** Whether a parsed answer satisfies the whole schema (what the grammar can't enforce included). */
    validate(value: unknown): SchemaValidation
};
