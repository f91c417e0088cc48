import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {JsonCloser} from "../../src/engine/json/JsonCloser.js";

const closerOf = (text: string) => {
    const closer = new JsonCloser();
    closer.push(text);
    return closer.closer;
};

describe("JsonCloser", () => {
    it.each([
        ['{"a": "hel', '"}'],
        ['{"a": [1, 2', "]}"],
        ['{"a": {"b": tru', null],
        ['{"a": {"b": true', "}}"],
        ['{"a": 12', "}"],
        ['{"a": 1.', null],
        ['{"a": -', null],
        ['{"a": "x\\', null],
        ['{"a": "x\\u00', null],
        ['{"a": "x\\u00e9', '"}'],
        ['{"a"', null],
        ['{"a":', null],
        ['{"a": 1,', null],
        ["{", "}"],
        ["[", "]"],
        ['["x", {"y": [', "]}]"],
        ['{"a": 1}', ""],
        ['  {"k": null } ', ""],
        ['{"a": 1}}', null]
    ])("%s ⇒ %j", (text, expected) => {
        expect(closerOf(text)).toBe(expected);
    });

    it("every prefix of real JSON it can close, it closes into JSON that parses; the whole text needs nothing", () => {
        fc.assert(fc.property(fc.jsonValue({maxDepth: 4}), fc.boolean(), (value, pretty) => {
            const text = JSON.stringify({value}, null, pretty ? 2 : undefined);
            let closable = 0;
            for (let length = 1; length <= text.length; length++) {
                const prefix = text.slice(0, length);
                const closing = closerOf(prefix);
                if (closing == null) continue;
                closable++;
                expect(() => JSON.parse(prefix + closing), prefix + closing).not.toThrow();
            }
            expect(closerOf(text)).toBe("");
            expect(closable).toBeGreaterThan(1);
        }), {numRuns: 200});
    });
});
