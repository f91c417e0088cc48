import {integerRangeToGbnf} from "./integerRangeToGbnf.js";
import type {SchemaCompileContext} from "./SchemaCompileContext.js";

export type CompileNumberSchemaOptions = {
    /** `type: "integer"`: plain integers, bounds enforced exactly. Otherwise any JSON number. */
    integer: boolean,
    context: SchemaCompileContext
};

type Bound = {value: number, exclusive: boolean};

/** Up to 6 decimals, the last one not 0, so `I.f` lies strictly between I and I + 1. */
const fraction = `"." [0-9]{0,5} [1-9]`;
const int32 = {min: -(2 ** 31), max: 2 ** 31 - 1};

/**
 * The body of a rule for a JSON number (or integer) within `schema`'s `minimum`, `maximum`, `exclusiveMinimum` and
 * `exclusiveMaximum` (draft-04's boolean exclusive bounds too). Integers are enforced exactly. Numbers are written as
 * an integer in range, or `I.f` / `-I.f` with the integer part chosen so that every fraction is in range (no minus
 * sign when the minimum is ≥ 0, a bounded integer part when both bounds are finite, no exponent); the bounds are
 * still checked after, as decimal-to-binary rounding and ranges narrower than one apart escape a grammar.
 * `format: int32`/`int64` make a number an integer, int32 within its 32 bits.
 */
export function compileNumberSchema(schema: Record<string, unknown>, path: string, {integer, context}: CompileNumberSchemaOptions): string {
    const {rules} = context;
    integer ||= schema.format === "int32" || schema.format === "int64";
    let lower = bound(schema, "minimum", "exclusiveMinimum", path, context, 1);
    let upper = bound(schema, "maximum", "exclusiveMaximum", path, context, -1);
    if (schema.format === "int32") {
        lower = tighter(lower, {value: int32.min, exclusive: false}, 1);
        upper = tighter(upper, {value: int32.max, exclusive: false}, -1);
    }
    if (lower == null && upper == null) return rules.primitive(integer ? "integer" : "number");

    const lowInt = lower == null ? null : lower.exclusive ? BigInt(Math.floor(lower.value)) + 1n : BigInt(Math.ceil(lower.value));
    const highInt = upper == null ? null : upper.exclusive ? BigInt(Math.ceil(upper.value)) - 1n : BigInt(Math.floor(upper.value));
    const hasIntegers = lowInt == null || highInt == null || lowInt <= highInt;
    const boundKeywords = ["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"].filter((keyword) => schema[keyword] !== undefined);
    if (integer) {
        if (!hasIntegers) context.refuse(boundKeywords[0] ?? "format", path, `leaves no integer between its bounds,`);
        return integerRangeToGbnf(lowInt, highInt);
    }

    for (const keyword of boundKeywords) context.checkAfter(keyword, path);
    const alternatives: string[] = [];
    if (hasIntegers) alternatives.push(integerRangeToGbnf(lowInt, highInt));
    // I.f for I ≥ 0 is in (I, I + 1): in range when I ≥ minimum and I + 1 ≤ maximum.
    const positiveLow = lower == null ? 0n : max(0n, BigInt(Math.ceil(lower.value)));
    const positiveHigh = upper == null ? null : BigInt(Math.floor(upper.value)) - 1n;
    if (positiveHigh == null || positiveLow <= positiveHigh) alternatives.push(`(${integerRangeToGbnf(positiveLow, positiveHigh)}) ${fraction}`);
    // -I.f is in (-(I + 1), -I): in range when -I ≤ maximum and -(I + 1) ≥ minimum.
    const negativeLow = upper == null ? 0n : max(0n, BigInt(Math.ceil(-upper.value)));
    const negativeHigh = lower == null ? null : BigInt(Math.floor(-lower.value)) - 1n;
    if (negativeHigh == null || negativeLow <= negativeHigh) alternatives.push(`"-" (${integerRangeToGbnf(negativeLow, negativeHigh)}) ${fraction}`);
    if (alternatives.length > 0) return alternatives.join(" | ");

    // The range lies strictly between two integers: the integer part is fixed, the check enforces the fraction.
    if (lower!.value > upper!.value || (lower!.value === upper!.value && (lower!.exclusive || upper!.exclusive)))
        context.refuse(boundKeywords[0]!, path, `leaves no number between its bounds,`);
    return lower!.value >= 0
        ? `"${Math.floor(lower!.value)}" ${fraction}`
        : `"-${Math.floor(-upper!.value)}" ${fraction}`;
}

/** The tightest lower (`direction` 1) or upper (-1) bound of the inclusive and exclusive keywords. */
function bound(schema: Record<string, unknown>, inclusiveKeyword: string, exclusiveKeyword: string, path: string,
    context: SchemaCompileContext, direction: 1 | -1): Bound | undefined {
    let result: Bound | undefined;
    const inclusive = schema[inclusiveKeyword];
    const exclusive = schema[exclusiveKeyword];
    for (const [keyword, value] of [[inclusiveKeyword, inclusive], [exclusiveKeyword, exclusive]] as const) {
        if (value === undefined || typeof value === "boolean") continue;
        if (typeof value !== "number" || !Number.isFinite(value)) context.refuse(keyword, path, `has a "${keyword}" that is not a number,`);
    }
    if (typeof inclusive === "number") result = {value: inclusive, exclusive: exclusive === true};
    if (typeof exclusive === "number") result = tighter(result, {value: exclusive, exclusive: true}, direction);
    return result;
}

function tighter(a: Bound | undefined, b: Bound, direction: 1 | -1): Bound {
    if (a == null) return b;
    if (a.value === b.value) return {value: a.value, exclusive: a.exclusive || b.exclusive};
    return (a.value - b.value) * direction > 0 ? a : b;
}

function max(a: bigint, b: bigint): bigint {
    return a > b ? a : b;
}
