import type {JsonSchema} from "./JsonSchema.js";
import type {ReferenceContext} from "./ReferenceContext.js";
import {collectFields} from "./collectFields.js";
import {describeType} from "./describeType.js";
import {code, table} from "./markdown.js";
import {parseDescription, type ParsedDescription} from "./parseDescription.js";
import {refName, withoutNull} from "./schemaUtils.js";

const supportText: Record<ParsedDescription["support"], (parsed: ParsedDescription) => string> = {
    yes: () => "Yes",
    partly: () => "Partly",
    ignored: () => "Ignored",
    limited: (parsed) => `Only ${parsed.onlyValue}`,
    no: () => "No"
};

/** Request parameters: name, type, default, whether the server honours it, and what it does. */
export function requestFieldsTable(schema: JsonSchema, context: ReferenceContext) {
    const fields = collectFields(schema, {components: context.document.components.schemas, followRefs: false});
    return table(["Parameter", "Type", "Default", "Supported", "Description"], fields.map((field) => {
        const parsed = parseDescription(field.schema.description);
        return [
            code(field.name),
            describeType(field.schema, context),
            field.required ? "**required**" : parsed.defaultValue ?? "—",
            supportText[parsed.support](parsed),
            parsed.text
        ];
    }));
}

/** Response fields, nested objects written out: name, type and meaning. */
export function responseFieldsTable(schema: JsonSchema, context: ReferenceContext) {
    const fields = collectFields(schema, {components: context.document.components.schemas, followRefs: true});
    return table(["Field", "Type", "Description"], fields.map((field) => [
        code(field.name),
        describeType(field.schema, {linkFor: () => null}) + (field.required ? "" : ", optional"),
        field.schema.description ?? referencedDescription(field.schema, context) ?? ""
    ]));
}

function referencedDescription(schema: JsonSchema, context: ReferenceContext) {
    let inner = withoutNull(schema).schema;
    if (inner.type === "array" && inner.items != null) inner = withoutNull(inner.items).schema;
    return inner.$ref == null ? undefined : context.schema(refName(inner.$ref)).description;
}
