import {Ajv2020} from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import {JsonSchemaGrammarError} from "./JsonSchemaGrammarError.js";
import {toDraft2020} from "./utils/toDraft2020.js";

/**
 * Patterns with the u flag, as Ajv reads them, or without it when only that is valid (an identity escape such as
 * `\-` outside a class, which schemas written for other regex engines use); `compileJsonSchema` accepts both.
 */
const lenientRegExp = Object.assign((pattern: string, flags: string) => {
    try {
        return new RegExp(pattern, flags);
    } catch (error) {
        if (!flags.includes("u")) throw error;
        return new RegExp(pattern, flags.replace("u", ""));
    }
}, {code: "new RegExp"});

export type SchemaValidation = {valid: true} | {valid: false, message: string};

/**
 * The full-schema check: a function telling whether a value (an answer, parsed) satisfies `schema`, every keyword
 * included, with a message naming the first failure, e.g. `/age must be <= 99`. Uses Ajv's 2020-12 validator with
 * ajv-formats, not strict (unknown keywords and formats are ignored, as JSON Schema says), and reads draft-07
 * (`definitions`, list-valued `items`), draft-04 exclusive bounds and OpenAPI 3.0's `nullable: true` as meant.
 * Compiling takes a while, so the caller caches the function (nothing is cached here).
 * Throws `JsonSchemaGrammarError` for a schema that is not valid JSON Schema.
 */
export function createSchemaValidator(schema: unknown): (value: unknown) => SchemaValidation {
    const ajv = new Ajv2020({strict: false, allErrors: false, logger: false, code: {regExp: lenientRegExp}});
    addFormats.default(ajv);
    const normalized = toDraft2020(schema);
    if (typeof normalized !== "boolean" && (typeof normalized !== "object" || normalized === null || Array.isArray(normalized)))
        throw new JsonSchemaGrammarError({keyword: "schema", path: "", reason: `is not a schema (an object or a boolean),`});
    if (!ajv.validateSchema(normalized)) {
        const error = ajv.errors?.[0];
        const path = error?.instancePath ?? "";
        const keyword = path.split("/").at(-1) ?? "";
        throw new JsonSchemaGrammarError({keyword: keyword === "" ? "schema" : keyword.replaceAll("~1", "/").replaceAll("~0", "~"),
            path: path.split("/").slice(0, -1).join("/"), reason: `is not valid JSON Schema (${error?.message ?? "invalid"}),`});
    }
    let validate;
    try {
        validate = ajv.compile(normalized);
    } catch (error) {
        throw new JsonSchemaGrammarError({keyword: "schema", path: "", reason: `can't be compiled for validation (${(error as Error).message}),`});
    }
    return (value) => {
        if (validate(value)) return {valid: true};
        const error = validate.errors?.[0];
        return {valid: false, message: `${error?.instancePath === "" || error == null ? "the value" : error.instancePath} ${error?.message ?? "is invalid"}`};
    };
}
