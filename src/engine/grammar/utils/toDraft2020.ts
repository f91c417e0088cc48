import {isSchemaObject} from "./isSchemaObject.js";

type Schema = Record<string, unknown>;

/** Keywords whose value is one schema, a list of schemas, or a map of names to schemas. */
const schemaKeywords = ["additionalProperties", "additionalItems", "items", "contains", "propertyNames", "not", "if", "then", "else",
    "unevaluatedItems", "unevaluatedProperties", "contentSchema"];
const listKeywords = ["allOf", "anyOf", "oneOf", "prefixItems"];
const mapKeywords = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

/**
 * A copy of `schema` that Ajv's 2020-12 validator reads as the client meant it: `$schema` dropped (Ajv2020 knows no
 * other draft's meta-schema), draft-07's list-valued `items` + `additionalItems` as `prefixItems` + `items`, its
 * `dependencies` as `dependentRequired`/`dependentSchemas`, draft-04's boolean exclusive bounds as numbers, and
 * OpenAPI 3.0's `nullable: true` as "or null" (with `type`: null added to it and to any `enum`; without: an `anyOf`).
 */
export function toDraft2020(schema: unknown): unknown {
    if (!isSchemaObject(schema)) return schema;
    const result: Schema = {};
    for (const [keyword, value] of Object.entries(schema)) {
        if (keyword === "$schema" || keyword === "nullable") continue;
        if (schemaKeywords.includes(keyword)) define(result, keyword, Array.isArray(value) ? value.map(toDraft2020) : toDraft2020(value));
        else if (listKeywords.includes(keyword) && Array.isArray(value)) define(result, keyword, value.map(toDraft2020));
        else if (mapKeywords.includes(keyword) && isSchemaObject(value)) define(result, keyword, mapValues(value, toDraft2020));
        else define(result, keyword, value);
    }
    if (Array.isArray(result.items)) {
        result.prefixItems = result.items;
        if (result.additionalItems === undefined) delete result.items;
        else result.items = result.additionalItems;
    }
    delete result.additionalItems;
    if (isSchemaObject(result.dependencies)) {
        for (const [name, value] of Object.entries(result.dependencies)) {
            const keyword = Array.isArray(value) ? "dependentRequired" : "dependentSchemas";
            result[keyword] = {...(result[keyword] as Schema | undefined), [name]: Array.isArray(value) ? value : toDraft2020(value)};
        }
        delete result.dependencies;
    }
    for (const [bound, exclusive] of [["minimum", "exclusiveMinimum"], ["maximum", "exclusiveMaximum"]] as const) {
        if (typeof result[exclusive] !== "boolean") continue;
        if (result[exclusive] === true && typeof result[bound] === "number") {
            result[exclusive] = result[bound];
            delete result[bound];
        } else delete result[exclusive];
    }
    if (schema.nullable === true) return orNull(result);
    return result;
}

function orNull(schema: Schema): Schema {
    if (schema.type !== undefined) {
        const types = Array.isArray(schema.type) ? schema.type : [schema.type];
        if (!types.includes("null")) schema.type = [...types, "null"];
        if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
        if (schema.const !== undefined && schema.const !== null) {
            schema.enum = [schema.const, null];
            delete schema.const;
        }
        return schema;
    }
    // Where $refs point (definitions) stays where it was.
    const {$defs, definitions, $id, ...rest} = schema;
    return {
        ...($id === undefined ? {} : {$id}), ...($defs === undefined ? {} : {$defs}), ...(definitions === undefined ? {} : {definitions}),
        anyOf: [rest, {type: "null"}]
    };
}

function mapValues(map: Schema, transform: (value: unknown) => unknown): Schema {
    const result: Schema = {};
    for (const [key, value] of Object.entries(map)) define(result, key, transform(value));
    return result;
}

/** Sets a key as an own property, even `__proto__`. */
function define(target: Schema, key: string, value: unknown) {
    Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true});
}
