import {formatToGbnf} from "./formatToGbnf.js";
import {GbnfRuleSet} from "./GbnfRuleSet.js";
import {regexToGbnf} from "./regexToGbnf.js";
import {repeatToGbnf} from "./repeatToGbnf.js";
import type {SchemaCompileContext} from "./SchemaCompileContext.js";

/**
 * The body of a rule for a JSON string under `schema`'s `pattern`, `format`, `minLength` and `maxLength`. A pattern
 * drives the grammar when there is one (the format and lengths are then checked after), else a format with a rule
 * (lengths checked after), else the lengths, counted in JSON string characters (an escape is one).
 */
export function compileStringSchema(schema: Record<string, unknown>, path: string, hint: string, context: SchemaCompileContext): string {
    const {rules} = context;
    const lengths = (["minLength", "maxLength"] as const).filter((keyword) => schema[keyword] !== undefined);
    for (const keyword of lengths) {
        const value = schema[keyword];
        if (typeof value !== "number" || !Number.isInteger(value) || value < 0) context.refuse(keyword, path, `has a "${keyword}" that is not a non-negative integer,`);
    }
    const minLength = (schema.minLength as number | undefined) ?? 0;
    const maxLength = (schema.maxLength as number | undefined) ?? null;
    if (maxLength != null && minLength > maxLength) context.refuse("maxLength", path, `has a "maxLength" below its "minLength", which no string satisfies,`);
    const format = typeof schema.format === "string" ? schema.format : undefined;

    if (schema.pattern !== undefined) {
        if (typeof schema.pattern !== "string") context.refuse("pattern", path, `has a "pattern" that is not a string,`);
        const {expression, exact} = regexToGbnf(schema.pattern as string, {rules, hint: `${hint}-pattern`, path});
        if (!exact) context.checkAfter("pattern", path);
        // A format is checked after (one without a rule here is an annotation validators ignore too).
        if (format != null && formatToGbnf(format, new GbnfRuleSet()) != null) context.checkAfter("format", path);
        for (const keyword of lengths) context.checkAfter(keyword, path);
        return `"\\"" ${expression} "\\""`;
    }
    const formatRule = format == null ? undefined : formatToGbnf(format, rules);
    if (formatRule != null) {
        for (const keyword of lengths) context.checkAfter(keyword, path);
        return `"\\"" ${formatRule} "\\""`;
    }
    if (lengths.length === 0) return rules.primitive("string");
    const {expression, exact} = repeatToGbnf(rules.primitive("char"), minLength, maxLength, {rules, hint: `${hint}-chars`});
    if (!exact) for (const keyword of lengths) context.checkAfter(keyword, path);
    return `"\\"" ${expression} "\\""`;
}
