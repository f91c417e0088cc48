import type {JsonSchema} from "./JsonSchema.js";
import {hasOwnFields, refName, withoutNull} from "./schemaUtils.js";

export type Field = {
    /** Dotted path from the top object: `stream_options.include_usage`, `choices[].message.content`. */
    name: string,
    schema: JsonSchema,
    required: boolean,
    depth: number
};

export type CollectFieldsOptions = {
    /** Named schemas, to follow `$ref`s into. */
    components: Record<string, JsonSchema>,

    /** Whether to write out the fields of a referenced schema in place (responses) or leave it as a link (requests). */
    followRefs: boolean
};

/** Every field of an object schema, nested objects and arrays of objects flattened into dotted names. */
export function collectFields(schema: JsonSchema, options: CollectFieldsOptions): Field[] {
    const fields: Field[] = [];
    const visit = (object: JsonSchema, prefix: string, depth: number, seen: readonly string[]) => {
        for (const [key, property] of Object.entries(object.properties ?? {})) {
            const name = prefix + key;
            fields.push({name, schema: property, required: object.required?.includes(key) ?? false, depth});

            let inner = withoutNull(property).schema;
            let suffix = ".";
            if (inner.type === "array" && inner.items != null) {
                inner = withoutNull(inner.items).schema;
                suffix = "[].";
            }
            let refSeen = seen;
            if (inner.$ref != null && options.followRefs) {
                const ref = refName(inner.$ref);
                if (seen.includes(ref)) continue;
                refSeen = [...seen, ref];
                inner = options.components[ref] ?? {};
            }
            if (inner.$ref == null && hasOwnFields(inner))
                visit(inner, name + suffix, depth + 1, refSeen);
        }
    };
    visit(schema, "", 0, []);
    return fields;
}
