import type {JsonSchema} from "./JsonSchema.js";
import {refName, withoutNull} from "./schemaUtils.js";

export type DescribeTypeOptions = {
    /** The markdown link target of a named schema, or `null` to print its name unlinked. */
    linkFor(name: string): string | null
};

/** A short human type, e.g. "number, 0 to 2, nullable", "string or string[] (≤ 16 items)", "[ChatTool](#chattool)[]". */
export function describeType(schema: JsonSchema, options: DescribeTypeOptions): string {
    const {schema: inner, nullable} = withoutNull(schema);
    const text = describeNonNull(inner, options);
    return nullable ? `${text}, nullable` : text;
}

function describeNonNull(schema: JsonSchema, options: DescribeTypeOptions): string {
    if (schema.$ref != null) {
        const name = refName(schema.$ref);
        const link = options.linkFor(name);
        return link == null ? name : `[${name}](${link})`;
    }
    const members = schema.anyOf ?? schema.oneOf;
    if (members != null)
        return unique(members.map((member) => describeType(member, options))).join(" or ");
    if (schema.const !== undefined) return literal(schema.const);
    if (schema.enum != null) return schema.enum.map(literal).join(" or ");
    if (Array.isArray(schema.type)) return schema.type.join(" or ");

    switch (schema.type) {
        case "integer":
        case "number":
            return schema.type + range(schema.minimum, schema.maximum);
        case "array": {
            const item = schema.items == null ? "any" : describeType(schema.items, options);
            return (item.includes(" ") ? `(${item})[]` : `${item}[]`) + itemCount(schema.minItems, schema.maxItems);
        }
        case "object": {
            const values = schema.additionalProperties;
            if (schema.properties == null && typeof values === "object" && Object.keys(values).length > 0)
                return `object (string → ${describeType(values, options)})`;
            return "object";
        }
        case undefined:
            return "any";
        default:
            return schema.type;
    }
}

function literal(value: unknown) {
    return "`" + (typeof value === "string" ? value : JSON.stringify(value)) + "`";
}

function range(minimum: number | undefined, maximum: number | undefined) {
    if (minimum != null && maximum != null) return `, ${minimum} to ${maximum}`;
    if (minimum != null) return ` ≥ ${minimum}`;
    if (maximum != null) return ` ≤ ${maximum}`;
    return "";
}

function itemCount(minItems: number | undefined, maxItems: number | undefined) {
    if (minItems != null && maxItems != null) return ` (${minItems}–${maxItems} items)`;
    if (maxItems != null) return ` (≤ ${maxItems} items)`;
    if (minItems != null && minItems > 0) return ` (≥ ${minItems} item${minItems === 1 ? "" : "s"})`;
    return "";
}

function unique(values: string[]) {
    return [...new Set(values)];
}
