import type {GbnfJsonSchema} from "node-llama-cpp";

type Schema = Record<string, unknown>;

/** What node-llama-cpp 3.21.1's function-calling grammar follows; other keywords are dropped (see below). */
const kept = new Set([
    "type", "properties", "required", "additionalProperties", "minProperties", "maxProperties", "items", "prefixItems",
    "minItems", "maxItems", "minLength", "maxLength", "format", "enum", "const", "oneOf", "$ref", "$defs", "description"
]);
const formats = new Set(["date-time", "date", "time"]);

/**
 * A tool's parameters as node-llama-cpp's function calling takes them, for `tool_choice: "auto"`, where the model's
 * own call syntax is parsed by node-llama-cpp (the project's grammar can't be handed to it). The schema was already
 * compiled by `compileJsonSchema`, so what it refuses was refused; here it is only translated into what node-llama-cpp
 * follows: `anyOf` → `oneOf`, `definitions` → `$defs`, `allOf` of objects merged, type lists of objects or arrays
 * split into `oneOf`, `nullable` as "or null". Keywords node-llama-cpp can't follow (`minimum`, `pattern`, most
 * formats…) are dropped — it ignores them itself, or worse (`allOf` becomes "write null") — so the arguments are
 * checked against the full schema after generation instead.
 */
export function toFunctionParams(parameters: Readonly<Record<string, unknown>>): GbnfJsonSchema {
    return convert(parameters) as GbnfJsonSchema;
}

function convert(node: unknown): unknown {
    if (node === true || node == null) return {};
    if (!isObject(node)) return node;
    let schema: Schema = {...node};
    if (schema.definitions != null) {
        schema.$defs = {...(schema.definitions as Schema), ...(schema.$defs as Schema | undefined)};
        delete schema.definitions;
    }
    if (Array.isArray(schema.allOf)) {
        const {allOf, ...rest} = schema;
        schema = (allOf as unknown[]).filter(isObject).reduce<Schema>(mergeObjects, rest);
    }
    if (schema.nullable === true) {
        const {nullable: _, ...rest} = schema;
        schema = {oneOf: [rest, {type: "null"}]};
    }
    const branches = schema.oneOf ?? schema.anyOf;
    if (Array.isArray(branches)) {
        const {oneOf: _, anyOf: __, ...rest} = schema;
        return Object.keys(withoutAnnotations(rest)).length === 0
            ? {oneOf: branches.map(convert)}
            : {oneOf: branches.map((branch) => convert(mergeObjects({...rest}, isObject(branch) ? branch : {})))};
    }
    if (Array.isArray(schema.type) && schema.type.some((type) => type === "object" || type === "array"))
        return {oneOf: schema.type.map((type) => convert({...schema, type}))};

    const result: Schema = {};
    for (const [keyword, value] of Object.entries(schema)) {
        if (!kept.has(keyword)) continue;
        if (keyword === "format" && !formats.has(value as string)) continue;
        if (keyword === "$ref") result.$ref = typeof value === "string" ? value.replace(/^#\/definitions\//, "#/$defs/") : value;
        else if (keyword === "properties" || keyword === "$defs") result[keyword] = mapValues(value as Schema, convert);
        else if (keyword === "items" || keyword === "additionalProperties") result[keyword] = isObject(value) ? convert(value) : value;
        else if (keyword === "prefixItems") result[keyword] = (value as unknown[]).map(convert);
        else result[keyword] = value;
    }
    // A root `$ref: "#"` (a recursive schema) has no `$defs` entry node-llama-cpp could follow: any value there.
    if (result.$ref === "#") return {};
    return result;
}

function mergeObjects(into: Schema, part: Schema): Schema {
    const merged: Schema = {...into, ...part};
    if (isObject(into.properties) || isObject(part.properties))
        merged.properties = {...(into.properties as Schema | undefined), ...(part.properties as Schema | undefined)};
    if (Array.isArray(into.required) || Array.isArray(part.required))
        merged.required = [...new Set([...(into.required as string[] | undefined) ?? [], ...(part.required as string[] | undefined) ?? []])];
    return merged;
}

function withoutAnnotations(schema: Schema) {
    const {title: _, description: __, $schema: ___, default: ____, examples: _____, ...rest} = schema;
    return rest;
}

function isObject(value: unknown): value is Schema {
    return value != null && typeof value === "object" && !Array.isArray(value);
}

function mapValues(object: Schema, map: (value: unknown) => unknown): Schema {
    return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value)]));
}
