import {EngineError} from "../EngineError.js";

/** Keywords node-llama-cpp's JSON-schema grammar enforces (or that only describe), by what they apply to. */
const enforced = new Set([
    "type", "properties", "required", "additionalProperties", "minProperties", "maxProperties",
    "items", "prefixItems", "minItems", "maxItems", "minLength", "maxLength", "format",
    "enum", "const", "oneOf", "anyOf", "$ref", "$defs"
]);
const annotations = new Set([
    "description", "title", "$schema", "$id", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly"
]);
const types = new Set(["string", "number", "integer", "boolean", "null", "object", "array"]);
const scalarTypes = new Set(["string", "number", "integer", "boolean", "null"]);
const formats = new Set(["date-time", "date", "time"]);
const supported = [...enforced].join(", ");

type Schema = Record<string, unknown>;

/**
 * Checks that node-llama-cpp's grammar can enforce `schema` and returns it in the form it takes (`anyOf` as `oneOf`).
 * node-llama-cpp 3.21.1 silently ignores what it doesn't know — `allOf` or an unknown `type` become "write null",
 * `pattern` and `minimum` are dropped, a bad `$ref` becomes "any JSON" — so the model's answer could break the very
 * schema the client asked for. Those are refused with a 400 naming the keyword and where it is.
 * `anyOf` maps to node-llama-cpp's `oneOf`, a grammar alternation: its output matches at least one branch.
 */
export function toGrammarSchema(schema: unknown, param: string): object {
    const defs = isObject(schema) && isObject(schema.$defs) ? schema.$defs : {};
    return convert(schema, "", {param, defs});
}

type Context = {param: string, defs: Record<string, unknown>};

function convert(schema: unknown, at: string, context: Context): Schema {
    const fail = (what: string) => {
        throw new EngineError("unsupported_parameter",
            `{param} ${what} at ${at === "" ? "its root" : at}; the grammar that enforces JSON schemas supports ${supported}.`,
            {param: context.param});
    };
    if (!isObject(schema)) return fail("holds a schema that is not an object") as never;

    const result: Schema = {};
    for (const [keyword, value] of Object.entries(schema)) {
        if (annotations.has(keyword)) {
            if (keyword === "description" || keyword === "title") result[keyword] = value;
            continue;
        }
        if (!enforced.has(keyword)) fail(`uses "${keyword}", which can't be enforced,`);
        result[keyword] = value;
    }

    if ((result.oneOf != null || result.anyOf != null) && ["type", "properties", "items", "enum", "const", "$ref"].some((key) => key in result))
        fail("combines oneOf/anyOf with other constraints (put them inside each branch)");
    if (result.oneOf != null && result.anyOf != null) fail("uses both oneOf and anyOf");
    const branches = result.oneOf ?? result.anyOf;
    if (branches != null) {
        if (!Array.isArray(branches) || branches.length === 0) fail("has an empty or invalid oneOf/anyOf");
        delete result.anyOf;
        result.oneOf = (branches as unknown[]).map((branch, index) => convert(branch, `${at}/${"anyOf" in schema ? "anyOf" : "oneOf"}/${index}`, context));
    }

    if (result.type != null) {
        const list = Array.isArray(result.type) ? result.type : [result.type];
        for (const type of list)
            if (typeof type !== "string" || !types.has(type)) fail(`has the unknown type ${JSON.stringify(type)}`);
        if (Array.isArray(result.type) && list.some((type) => !scalarTypes.has(type as string)))
            fail("lists object or array in a type array (use anyOf with one schema per type)");
    }
    if (result.format != null && (result.type !== "string" || !formats.has(result.format as string)))
        fail(`uses the format ${JSON.stringify(result.format)} (only date-time, date and time strings are enforced)`);
    for (const keyword of ["enum", "const"] as const) {
        const values = keyword === "enum" ? result.enum : [result.const];
        if (keyword in result && (!Array.isArray(values) || values.some((value) => value !== null && typeof value === "object")))
            fail(`has a ${keyword} that isn't a list of strings, numbers, booleans or null`);
    }
    if (result.$ref != null) {
        const ref = result.$ref;
        if (typeof ref !== "string" || !ref.startsWith("#/$defs/") || !(ref.slice("#/$defs/".length) in context.defs))
            fail(`has the $ref ${JSON.stringify(ref)}, which doesn't name an entry of the root's $defs`);
    }
    if (result.$defs != null) {
        if (!isObject(result.$defs) || at !== "") fail("has $defs other than at the root");
        result.$defs = mapValues(result.$defs as Schema, (value, key) => convert(value, `/$defs/${key}`, context));
    }

    if (result.properties != null) {
        if (!isObject(result.properties)) fail("has properties that are not an object");
        result.properties = mapValues(result.properties as Schema, (value, key) => convert(value, `${at}/properties/${key}`, context));
    }
    if (result.required != null) {
        // node-llama-cpp writes every listed property, so any required one must be listed.
        const properties = (result.properties ?? {}) as Schema;
        if (!Array.isArray(result.required) || result.required.some((name) => typeof name !== "string" || !(name in properties)))
            fail("requires a property that is not in its properties");
    }
    if (isObject(result.additionalProperties))
        result.additionalProperties = convert(result.additionalProperties, `${at}/additionalProperties`, context);
    if (result.items != null) result.items = convert(result.items, `${at}/items`, context);
    if (result.prefixItems != null) {
        if (!Array.isArray(result.prefixItems)) fail("has prefixItems that are not a list");
        result.prefixItems = (result.prefixItems as unknown[]).map((item, index) => convert(item, `${at}/prefixItems/${index}`, context));
    }
    return result;
}

function isObject(value: unknown): value is Schema {
    return value != null && typeof value === "object" && !Array.isArray(value);
}

function mapValues(object: Schema, map: (value: unknown, key: string) => unknown): Schema {
    return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value, key)]));
}
