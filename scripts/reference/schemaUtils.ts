import type {JsonSchema} from "./JsonSchema.js";

/** `#/components/schemas/Name` → `Name`. */
export function refName(ref: string) {
    return ref.slice(ref.lastIndexOf("/") + 1);
}

/** Splits "X or null" into X and whether null is allowed, so types read as "integer, nullable". */
export function withoutNull(schema: JsonSchema): {schema: JsonSchema, nullable: boolean} {
    if (Array.isArray(schema.type) && schema.type.includes("null")) {
        const types = schema.type.filter((type) => type !== "null");
        return {schema: {...schema, type: types.length === 1 ? types[0] : types}, nullable: true};
    }
    const members = schema.anyOf ?? schema.oneOf;
    if (members != null && members.some(isNull)) {
        const rest = members.filter((member) => !isNull(member));
        const {anyOf: _anyOf, oneOf: _oneOf, ...own} = schema;
        return {schema: rest.length === 1 ? {...own, ...rest[0]} : {...own, anyOf: rest}, nullable: true};
    }
    return {schema, nullable: false};
}

function isNull(schema: JsonSchema) {
    return schema.type === "null";
}

/** An object schema written out in place (not a `$ref`) whose fields deserve rows of their own. */
export function hasOwnFields(schema: JsonSchema): schema is JsonSchema & {properties: Record<string, JsonSchema>} {
    return schema.properties != null && Object.keys(schema.properties).length > 0;
}
