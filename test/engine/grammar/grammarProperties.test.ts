import fc from "fast-check";
import {getLlama, type Llama, type LlamaGrammar} from "node-llama-cpp";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {compileJsonSchema} from "../../../src/engine/grammar/compileJsonSchema.js";
import {JsonSchemaGrammarError} from "../../../src/engine/grammar/JsonSchemaGrammarError.js";
import {integerRangeToGbnf} from "../../../src/engine/grammar/utils/integerRangeToGbnf.js";

let llama: Llama;
beforeAll(async () => {
    llama = await getLlama({gpu: false, build: "never", progressLogs: false});
});
afterAll(async () => {
    await llama?.dispose();
});

/** llama.cpp's own matcher (node-llama-cpp 3.21.1's internal `_testText`): does the grammar match all of `text`? */
function matches(grammar: LlamaGrammar, text: string): boolean {
    return (grammar as unknown as {_testText(text: string): boolean})._testText(text);
}

const bound = fc.oneof(
    fc.bigInt({min: -1000n, max: 1000n}),
    fc.bigInt({min: -(10n ** 20n), max: 10n ** 20n}),
    fc.constantFrom(-9007199254740991n, 9007199254740991n, 0n, -1n, 1n, 9n, 10n, 99n, 100n, 101n, -10n, 999n, 1000n)
);

describe("integer ranges (the digit-range construction)", () => {
    it("match exactly the plain integers in range, for any bounds", async () => {
        await fc.assert(fc.asyncProperty(fc.option(bound, {nil: null}), fc.option(bound, {nil: null}), fc.array(bound, {maxLength: 8}),
            async (a, b, extra) => {
                const [min, max] = a != null && b != null && a > b ? [b, a] : [a, b];
                const grammar = await llama.createGrammar({grammar: `root ::= ${integerRangeToGbnf(min, max)}\n`});
                // An open side is capped at 16 digits (a model can't run away), so keep to those there.
                const inCap = (value: bigint) => (value < 0n ? -value : value) < 10n ** 16n;
                const values = [...extra, min, max, 0n, -1n, 1n].flatMap((value) => value == null ? [] : [value - 1n, value, value + 1n]);
                for (const value of values) {
                    if ((min == null || max == null) && !inCap(value)) continue;
                    const inRange = (min == null || value >= min) && (max == null || value <= max);
                    expect(matches(grammar, value.toString()), `${value} in [${min}, ${max}]`).toBe(inRange);
                }
                for (const text of ["-0", "01", "1e2", "1.0", "+1", ""]) expect(matches(grammar, text), text).toBe(false);
            }), {numRuns: 150});
    });

    it("through the schema, with exclusive and fractional bounds", async () => {
        await fc.assert(fc.asyncProperty(fc.integer({min: -3000, max: 3000}), fc.integer({min: 0, max: 3000}), fc.boolean(), fc.boolean(),
            async (low, width, exclusiveLow, exclusiveHigh) => {
                const schema = {type: "integer", [exclusiveLow ? "exclusiveMinimum" : "minimum"]: low - 0.5, [exclusiveHigh ? "exclusiveMaximum" : "maximum"]: low + width};
                const isValid = (value: number) => value > low - 0.5 && (exclusiveHigh ? value < low + width : value <= low + width);
                if (!isValid(low)) {
                    expect(() => compileJsonSchema(schema), "no integer in range").toThrow(JsonSchemaGrammarError);
                    return;
                }
                const grammar = await llama.createGrammar({grammar: compileJsonSchema(schema).gbnf});
                for (let value = low - 2; value <= low + width + 2; value += Math.max(1, Math.floor(width / 20)))
                    expect(matches(grammar, String(value)), `${value} in ${JSON.stringify(schema)}`).toBe(isValid(value));
            }), {numRuns: 60});
    });
});

describe("number ranges", () => {
    const boundValue = fc.oneof(fc.integer({min: -50, max: 50}), fc.integer({min: -200, max: 200}).map((value) => value / 4));
    const decimal = fc.tuple(fc.boolean(), fc.integer({min: 0, max: 60}), fc.option(fc.stringMatching(/^[0-9]{1,4}$/), {nil: undefined}))
        .map(([negative, integer, fraction]) => `${negative ? "-" : ""}${integer}${fraction == null ? "" : `.${fraction}`}`);

    it("write only numbers in range, and every integer in range", async () => {
        await fc.assert(fc.asyncProperty(fc.option(boundValue, {nil: undefined}), fc.option(boundValue, {nil: undefined}), fc.boolean(), fc.boolean(),
            fc.array(decimal, {minLength: 20, maxLength: 20}), async (a, b, exclusiveLow, exclusiveHigh, texts) => {
                const [low, high] = a != null && b != null && a > b ? [b, a] : [a, b];
                if (low != null && low === high && (exclusiveLow || exclusiveHigh)) return;
                const schema = {
                    type: "number",
                    ...(low == null ? {} : {[exclusiveLow ? "exclusiveMinimum" : "minimum"]: low}),
                    ...(high == null ? {} : {[exclusiveHigh ? "exclusiveMaximum" : "maximum"]: high})
                };
                const isValid = (value: number) => (low == null || (exclusiveLow ? value > low : value >= low)) &&
                    (high == null || (exclusiveHigh ? value < high : value <= high));
                const grammar = await llama.createGrammar({grammar: compileJsonSchema(schema).gbnf});
                // A range within one unit holding no integer fixes only the integer part; the check does the rest.
                const withinOneUnit = low != null && high != null && high - low <= 1 &&
                    !Array.from({length: 121}, (_, index) => index - 60).some(isValid);
                const nearBounds = [low, high].flatMap((value) => value == null ? [] : [value - 1, value, value + 1])
                    .flatMap((value) => [String(value), ...[".0", ".5", ".000001", ".999999"].map((fraction) => `${value < 0 ? "-" : ""}${Math.abs(Math.trunc(value))}${fraction}`)]);
                for (const text of [...texts, ...nearBounds])
                    if (!withinOneUnit && matches(grammar, text)) expect(isValid(Number(text)), `${text} in ${JSON.stringify(schema)}`).toBe(true);
                for (let value = Math.ceil(low ?? -60); value <= (high ?? 60); value++)
                    if (isValid(value)) expect(matches(grammar, String(value)), `${value} in ${JSON.stringify(schema)}`).toBe(true);
            }), {numRuns: 80});
    });
});

describe("patterns", () => {
    const patterns = [
        "^a+b?$", "ab", "b$", "^(a|b0)*$", "^[a-c]{2,4}$", "^(?:a|b){0,3}-?\\d+$", "a.b", "^[^ab]*$", "\\d", "^\\w+\\.\\w+$",
        "^(ab|a)(b|)$", "^(?:[ab]+\\.)*[ab]+$", "^$", "", "^.*$", "^(a|ab)(c|bcd)(d*)$", "^[\"\\\\]+$", "^\\s*a\\s*$", "^[é-ê]?a"
    ];
    const text = fc.string({unit: fc.constantFrom("a", "b", "c", "d", "0", "1", "-", ".", "_", " ", "\"", "\\", "\n", "é"), maxLength: 8});

    it.each(patterns)("%s: the grammar writes exactly the strings the regex matches", async (pattern) => {
        const grammar = await llama.createGrammar({grammar: compileJsonSchema({type: "string", pattern}).gbnf});
        const regex = new RegExp(pattern, "u");
        fc.assert(fc.property(text, (value) => {
            expect(matches(grammar, JSON.stringify(value)), JSON.stringify(value)).toBe(regex.test(value));
        }), {numRuns: 300});
    });
});
