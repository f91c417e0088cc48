import type {JsonSchema} from "./JsonSchema.js";
import type {ReferenceContext} from "./ReferenceContext.js";
import {collectFields} from "./collectFields.js";
import {describeType} from "./describeType.js";
import {requestFieldsTable} from "./fieldsTable.js";
import {code, table} from "./markdown.js";
import {parseDescription} from "./parseDescription.js";
import {hasOwnFields, withoutNull} from "./schemaUtils.js";

/** "Request objects": the named schemas request bodies refer to (messages, tools, response formats…). */
export function renderRequestObjects(context: ReferenceContext) {
    const parts = [
        "## Request objects",
        "The named objects that request parameters refer to, as `openapi.json` defines them."
    ];
    for (const name of context.requestObjects) {
        const schema = context.schema(name);
        parts.push(`### ${name}`);
        if (schema.description != null) parts.push(schema.description);
        parts.push(renderShape(schema, context));
    }
    return parts.join("\n\n");
}

function renderShape(schema: JsonSchema, context: ReferenceContext): string {
    const variants = schema.anyOf ?? schema.oneOf;
    if (variants != null) {
        const discriminator = findDiscriminator(variants);
        if (discriminator != null) return variantsTable(variants, discriminator, context);
        const parts = [`Type: ${describeType({...schema, description: undefined}, context)}.`];
        for (const variant of variants) {
            const inner = withoutNull(variant).schema;
            const element = inner.type === "array" && inner.items != null ? withoutNull(inner.items).schema : null;
            if (hasOwnFields(inner)) parts.push("As an object:", renderShape(inner, context));
            else if (element != null && (hasOwnFields(element) || element.anyOf != null)) parts.push("As a list, each item:", renderShape(element, context));
        }
        return parts.join("\n\n");
    }
    if (hasOwnFields(schema)) return requestFieldsTable(schema, context);
    return `Type: ${describeType(schema, context)}.`;
}

/** The property every variant fixes to its own value(s) (`role`, `type`), if there is one. */
function findDiscriminator(variants: JsonSchema[]) {
    if (!variants.every(hasOwnFields)) return null;
    const first = variants[0]!.properties ?? {};
    return Object.keys(first).find((key) =>
        variants.every((variant) => {
            const property = variant.properties?.[key];
            return property != null && (property.const !== undefined || property.enum != null) && variant.required?.includes(key) === true;
        })
    ) ?? null;
}

/** One table for a discriminated union: each field says with which variants (`role`s, `type`s) it goes. */
function variantsTable(variants: JsonSchema[], discriminator: string, context: ReferenceContext) {
    const valuesOf = (variant: JsonSchema) => {
        const property = variant.properties![discriminator]!;
        return property.const !== undefined ? [String(property.const)] : (property.enum ?? []).map(String);
    };
    const all = variants.flatMap(valuesOf);
    type Row = {schema: JsonSchema, description: string | undefined, values: string[], requiredIn: string[]};
    const rows = new Map<string, Row>();
    for (const variant of variants) {
        const values = valuesOf(variant);
        for (const field of collectFields(variant, {components: context.document.components.schemas, followRefs: false})) {
            if (field.name === discriminator) continue;
            const row = rows.get(field.name) ?? {schema: field.schema, description: undefined, values: [], requiredIn: []};
            row.values.push(...values);
            if (field.required) row.requiredIn.push(...values);
            row.description ??= field.schema.description;
            rows.set(field.name, row);
        }
    }
    const list = (values: string[]) => values.map(code).join(", ");
    return table(["Field", "Type", `With \`${discriminator}\``, "Required", "Description"], [
        [code(discriminator), all.map(code).join(" or "), "all", "**Yes**", ""],
        ...[...rows].map(([name, row]) => {
            const missing = row.values.filter((value) => !row.requiredIn.includes(value));
            return [
                code(name),
                describeType(row.schema, context),
                row.values.length === all.length ? "all" : list(row.values),
                row.requiredIn.length === 0 ? "No" : missing.length === 0 ? "**Yes**" : `**Yes**, except ${list(missing)}`,
                parseDescription(row.description).text
            ];
        })
    ]);
}
