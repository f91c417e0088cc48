import {repeatToGbnf} from "./repeatToGbnf.js";
import type {SchemaCompileContext} from "./SchemaCompileContext.js";

/**
 * The body of a rule for a JSON array under `schema`'s `prefixItems` (or draft-07's list-valued `items`), `items`
 * (or `additionalItems`), `minItems` and `maxItems`. Prefix items come first, each under its schema, then the rest
 * under `items`; `items: false` (or a `false` prefix item) ends the array there. Without `items` after a prefix, no
 * more items are written than `minItems` asks for. Counts beyond 1000 are left to the check.
 */
export function compileArraySchema(schema: Record<string, unknown>, path: string, hint: string, context: SchemaCompileContext): string {
    const {rules} = context;
    const draft07Tuple = Array.isArray(schema.items);
    const prefixKeyword = draft07Tuple ? "items" : "prefixItems";
    const prefix = (draft07Tuple ? schema.items : schema.prefixItems ?? []) as unknown[];
    if (!Array.isArray(prefix)) return context.refuse("prefixItems", path, `has "prefixItems" that are not a list,`);
    const restKeyword = draft07Tuple ? "additionalItems" : "items";
    const restSchema = schema[restKeyword];
    for (const keyword of ["minItems", "maxItems"]) {
        const value = schema[keyword];
        if (value !== undefined && (typeof value !== "number" || !Number.isInteger(value) || value < 0))
            context.refuse(keyword, path, `has a "${keyword}" that is not a non-negative integer,`);
    }
    const minItems = (schema.minItems as number | undefined) ?? 0;
    let maxItems = (schema.maxItems as number | undefined) ?? null;
    if (prefix.length === 0 && restSchema === undefined && minItems === 0 && maxItems == null) return rules.primitive("array");

    // Where the array must end: a false prefix item, `items: false`, or (with no `items`) the prefix or minItems.
    const falseAt = prefix.indexOf(false);
    let limit = falseAt >= 0 ? falseAt : restSchema === false ? prefix.length : null;
    if (limit == null && restSchema === undefined && prefix.length > 0) limit = Math.max(prefix.length, minItems);
    if (limit != null) maxItems = maxItems == null ? limit : Math.min(maxItems, limit);
    if (maxItems != null && minItems > maxItems)
        context.refuse(schema.maxItems !== undefined && schema.maxItems as number < minItems ? "maxItems" : "minItems", path,
            `asks for more items than the array may hold (minItems ${minItems}, at most ${maxItems}),`);

    const space = rules.primitive("space");
    const prefixCount = maxItems == null ? prefix.length : Math.min(prefix.length, maxItems);
    const prefixRules = prefix.slice(0, prefixCount).map((item, index) =>
        context.visitChild(item, `${path}/${prefixKeyword}/${index}`, `${hint}-${index}`));
    const restRule = maxItems != null && maxItems <= prefixCount ? undefined
        : context.visitChild(restSchema ?? true, `${path}/${restKeyword}`, `${hint}-item`);

    let exact = true;
    /** Items from `index` on, after at least one was written. */
    const after = (index: number): string => {
        if (index < prefixCount) {
            const tail = after(index + 1);
            const item = `"," ${space} ${prefixRules[index]}${tail === "" ? "" : ` ${tail}`}`;
            return index < minItems ? item : `(${item})?`;
        }
        if (restRule == null) return "";
        const repeated = repeatToGbnf(`"," ${space} ${restRule}`, Math.max(0, minItems - index), maxItems == null ? null : maxItems - index,
            {rules, hint: `${hint}-next`});
        exact &&= repeated.exact;
        return repeated.expression === `""` ? "" : repeated.expression;
    };
    let content: string;
    if (prefixCount > 0) {
        const tail = after(1);
        content = tail === "" ? prefixRules[0]! : `${prefixRules[0]} ${tail}`;
    } else if (restRule != null) {
        const tail = after(1);
        content = tail === "" ? restRule : `${restRule} ${tail}`;
    } else content = "";
    if (!exact) for (const keyword of ["minItems", "maxItems"]) if (schema[keyword] !== undefined) context.checkAfter(keyword, path);

    if (content === "") return `"[" ${space} "]"`;
    return minItems === 0 ? `"[" ${space} (${content} ${space})? "]"` : `"[" ${space} ${content} ${space} "]"`;
}
