import {getLlama, type Llama, type LlamaGrammar} from "node-llama-cpp";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {compileJsonSchema} from "../../../src/engine/grammar/compileJsonSchema.js";
import {createSchemaValidator} from "../../../src/engine/grammar/createSchemaValidator.js";
import {JsonSchemaGrammarError} from "../../../src/engine/grammar/JsonSchemaGrammarError.js";
import {jsonSchemaSupport} from "../../../src/engine/grammar/jsonSchemaSupport.js";
import {fixtureSchemas} from "./fixtureSchemas.js";

let llama: Llama;
beforeAll(async () => {
    llama = await getLlama({gpu: false, build: "never", progressLogs: false});
});
afterAll(async () => {
    await llama?.dispose();
});

/** Compiles `schema` and has llama.cpp's own grammar parser load the result (it throws on any error). */
async function load(schema: unknown): Promise<{grammar: LlamaGrammar, checkedAfter: {keyword: string, path: string}[]}> {
    const {gbnf, checkedAfter} = compileJsonSchema(schema);
    expect(gbnf).toMatch(/^root ::= /);
    return {grammar: await llama.createGrammar({grammar: gbnf}), checkedAfter};
}

/**
 * Whether llama.cpp's grammar matches all of `text`: node-llama-cpp 3.21.1's internal `_testText`, which feeds the
 * text's code points to `llama_grammar_accept` and asks for a completed stack. No model is needed.
 */
function matches(grammar: LlamaGrammar, text: string): boolean {
    return (grammar as unknown as {_testText(text: string): boolean})._testText(text);
}

function refusal(schema: unknown): JsonSchemaGrammarError {
    try {
        compileJsonSchema(schema);
    } catch (error) {
        expect(error).toBeInstanceOf(JsonSchemaGrammarError);
        return error as JsonSchemaGrammarError;
    }
    throw new Error(`${JSON.stringify(schema)} was compiled`);
}

type Case = [name: string, schema: unknown, accepted: string[], rejected: string[]];

/** Each schema's grammar must write exactly the valid texts of `accepted` (which the validator must agree are valid). */
const cases: Case[] = [
    ["string", {type: "string"}, [`""`, `"abc"`, `"a\\"b\\\\c"`, `"é😀"`, `"\\u00e9\\n"`], [`abc`, `"a`, `"\\ud800"`, `"\\x"`, "\"a\nb\""]],
    ["integer: plain digits", {type: "integer"}, ["0", "-12", "1234567890123456"], ["01", "-0", "1e3", "1.0", "+1", "12345678901234567"]],
    ["number", {type: "number"}, ["0", "1.5", "-0.25e-3", "3E+12"], ["01.5", ".5", "1.", "1e", "- 1"]],
    ["boolean and null", {type: ["boolean", "null"]}, ["true", "false", "null"], ["1", `"true"`]],
    ["a type array with object and array", {type: ["object", "array", "string"]}, ["{}", "[]", `{"a": [1, {"b": null}]}`, `"x"`], ["1", "null"]],
    ["nullable (OpenAPI 3.0)", {type: "integer", nullable: true}, ["null", "7"], [`"7"`]],
    ["nullable beside a $ref", {$defs: {n: {type: "integer"}}, $ref: "#/$defs/n", nullable: true}, ["null", "7"], ["true"]],
    ["true: any JSON value", true, ["1", `{"a": [true, null, "x", -2.5e3]}`, "[]"], ["nul", "{a: 1}"]],
    ["{} with annotations only", {title: "Anything", description: "x", "x-internal": true, unknownKeyword: 1}, ["1", `"x"`], []],
    ["properties in declared order, required ones always", {type: "object", properties: {a: {type: "integer"}, b: {type: "string"}}, required: ["a"]},
        [`{"a": 1}`, `{"a": 1, "b": "x"}`, `{ "a" : 1 , "b":"x" }`.replace(" ,", ",")], [`{"b": "x"}`, `{"b": "x", "a": 1}`, `{"a": 1, "c": 2}`, "{}"]],
    ["optional properties before and after a required one", {properties: {a: {type: "integer"}, b: {type: "integer"}, c: {type: "integer"}}, required: ["b"]},
        [`{"b": 1}`, `{"a": 1, "b": 2}`, `{"b": 1, "c": 3}`, `{"a": 1, "b": 2, "c": 3}`], [`{"a": 1}`, `{"c": 1, "b": 2}`, `{"a": 1, "c": 3}`]],
    ["only optional properties", {properties: {a: {type: "integer"}, b: {type: "integer"}, c: {type: "integer"}}},
        ["{}", `{"c": 3}`, `{"a": 1, "c": 3}`, `{"b": 2}`], [`{"c": 3, "a": 1}`, `{"a": 1,}`]],
    ["many optional properties", {properties: Object.fromEntries(Array.from({length: 12}, (_, index) => [`p${index}`, {type: "boolean"}]))},
        ["{}", `{"p11": true}`, `{"p0": true, "p5": false, "p11": true}`], [`{"p5": true, "p0": true}`]],
    ["additionalProperties: a schema", {properties: {a: {type: "integer"}}, additionalProperties: {type: "boolean"}},
        ["{}", `{"a": 1, "x": true}`, `{"x": true, "ab": false}`, `{"A": true}`], [`{"a": true}`, `{"x": 1}`, `{"a": 1, "a": true}`, `{"x": true, "a": 1}`]],
    ["additionalProperties: true", {type: "object", properties: {a: {const: 1}}, additionalProperties: true},
        [`{"a":1}`, `{"zz": [1, {"q": null}]}`, `{"a":1, "b-c_d": "x"}`], [`{"a": 2}`]],
    ["an object with nothing declared", {type: "object"}, ["{}", `{"x": [1, 2], "y": {"z": "w"}}`], ["[]"]],
    ["a required property that isn't declared", {type: "object", required: ["x"]}, [`{"x": 1}`, `{"x": "y"}`], ["{}", `{"y": 1}`]],
    ["additionalProperties: false", {properties: {a: {type: "integer"}}, additionalProperties: false}, ["{}", `{"a": 1}`], [`{"b": 1}`]],
    ["enum of any JSON values", {enum: [{a: 1}, [1, 2], "s", null, 1.5, true]}, [`{"a":1}`, "[1,2]", `"s"`, "null", "1.5", "true"], [`{"a":2}`, `"t"`, "2"]],
    ["const object", {const: {x: [true, "y"]}}, [`{"x":[true,"y"]}`], [`{"x":[true]}`]],
    ["enum filtered by type", {type: "string", enum: ["a", 1, null]}, [`"a"`], ["1", "null"]],
    ["enum with nullable", {type: "string", enum: ["a"], nullable: true}, [`"a"`, "null"], [`"b"`]],
    ["anyOf", {anyOf: [{type: "integer", minimum: 5}, {type: "string", maxLength: 1}]}, ["5", `"x"`], ["4", `"xy"`]],
    ["anyOf leaves out a branch it can't follow (pydantic's Decimal)", {anyOf: [{type: "number"}, {type: "string", pattern: "^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$"}]},
        ["1.5", "-2"], [`"1.5"`]],
    ["oneOf", {oneOf: [{type: "integer"}, {type: "boolean"}]}, ["1", "true"], ["null"]],
    ["anyOf with a false branch", {anyOf: [false, {type: "null"}]}, ["null"], ["1"]],
    ["allOf merges objects", {allOf: [{type: "object", properties: {a: {type: "integer"}}, required: ["a"]}, {properties: {b: {type: "string"}}, required: ["b"]}]},
        [`{"a": 1, "b": "x"}`], [`{"a": 1}`, `{"b": "x"}`]],
    ["allOf: another part's additionalProperties: false forbids a property", {allOf: [{properties: {a: {}}, additionalProperties: false}, {properties: {b: {}}}]},
        ["{}", `{"a": 1}`], [`{"a": 1, "b": 1}`]],
    ["allOf tightens bounds", {allOf: [{type: "integer", minimum: 0}, {maximum: 10}, {exclusiveMaximum: 10}]}, ["0", "9"], ["10", "-1"]],
    ["allOf intersects enums", {allOf: [{enum: ["a", "b", "c"]}, {enum: ["b", "c", "d"]}, {not_a_keyword: 1}]}, [`"b"`, `"c"`], [`"a"`, `"d"`]],
    ["allOf distributes over anyOf", {allOf: [{anyOf: [{type: "integer"}, {type: "string"}]}, {type: ["string", "boolean"]}]}, [`"x"`], ["1", "true"]],
    ["allOf merges a property's schemas", {allOf: [{properties: {a: {type: "integer", minimum: 1}}, required: ["a"]}, {properties: {a: {maximum: 3}}}]},
        [`{"a": 3}`], [`{"a": 4}`, `{"a": 0}`]],
    ["allOf with $refs to $defs", {$defs: {base: {properties: {id: {type: "integer"}}, required: ["id"]}}, allOf: [{$ref: "#/$defs/base"}, {properties: {name: {type: "string"}}}]},
        [`{"id": 1}`, `{"id": 1, "name": "x"}`], [`{"name": "x"}`]],
    ["allOf merging a recursive property", {allOf: [{properties: {c: {$ref: "#"}}}, {properties: {c: {type: "object"}}}]},
        ["{}", `{"c": {}}`, `{"c": {"c": {}}}`], [`{"c": 1}`]],
    ["$ref to $defs", {$defs: {n: {type: "integer", minimum: 0}}, type: "object", properties: {x: {$ref: "#/$defs/n"}}, required: ["x"]}, [`{"x": 3}`], [`{"x": -3}`]],
    ["$ref to definitions (draft-07)", {definitions: {n: {type: "boolean"}}, type: "array", items: {$ref: "#/definitions/n"}}, ["[true, false]"], ["[1]"]],
    ["$ref with siblings applies both", {$defs: {s: {type: "string"}}, $ref: "#/$defs/s", maxLength: 3}, [`"abc"`], [`"abcd"`, "1"]],
    ["recursion through $ref: #", {type: "object", properties: {name: {type: "string"}, children: {type: "array", items: {$ref: "#"}}}, required: ["name", "children"]},
        [`{"name": "a", "children": [{"name": "b", "children": []}]}`], [`{"name": "a", "children": [{"name": "b"}]}`]],
    ["a recursive linked list in $defs", {$defs: {node: {type: "object", properties: {v: {type: "integer"}, next: {anyOf: [{$ref: "#/$defs/node"}, {type: "null"}]}}, required: ["v", "next"]}}, $ref: "#/$defs/node"},
        [`{"v": 1, "next": {"v": 2, "next": null}}`], [`{"v": 1, "next": {"v": 2}}`]],
    ["integer range", {type: "integer", minimum: 1, maximum: 99}, ["1", "42", "99"], ["0", "100", "-1", "01"]],
    ["negative integer range", {type: "integer", minimum: -120, maximum: -7}, ["-7", "-99", "-120"], ["-6", "-121", "0", "7"]],
    ["integer range across zero", {type: "integer", minimum: -5, maximum: 1234}, ["-5", "0", "1234", "999"], ["-6", "1235", "-0"]],
    ["±MAX_SAFE_INTEGER (zod 4's int)", {type: "integer", minimum: -9007199254740991, maximum: 9007199254740991},
        ["0", "-9007199254740991", "9007199254740991", "8999999999999999"], ["9007199254740992", "-9007199254740992", "10000000000000000"]],
    ["exclusive integer bounds", {type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 10}, ["1", "9"], ["0", "10"]],
    ["fractional bounds on integers", {type: "integer", minimum: 0.5, maximum: 3.5}, ["1", "3"], ["0", "4"]],
    ["one-sided integer bounds", {type: "integer", minimum: 100}, ["100", "123456"], ["99", "-100"]],
    ["draft-04 exclusiveMinimum: true", {type: "integer", minimum: 5, exclusiveMinimum: true}, ["6"], ["5"]],
    ["int32 format", {type: "integer", format: "int32"}, ["2147483647", "-2147483648"], ["2147483648"]],
    ["number with minimum 0", {type: "number", minimum: 0}, ["0", "0.5", "12.25"], ["-1", "-0.5", "1e3"]],
    ["number between finite bounds", {type: "number", minimum: -1.5, maximum: 2.5}, ["-1", "2", "-0.5", "1.75"], ["3", "-2", "2.75", "10"]],
    ["number with exclusive bounds", {type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1}, ["0.5", "0.000001"], ["0", "1", "0.0"]],
    ["number range between two integers", {type: "number", minimum: 0.2, maximum: 0.8}, ["0.5"], ["1", "0"]],
    ["string lengths", {type: "string", minLength: 2, maxLength: 3}, [`"ab"`, `"a\\nb"`, `"😀😀"`], [`"a"`, `"abcd"`]],
    ["pattern, anchored", {type: "string", pattern: "^[a-c]+\\d{2}$"}, [`"ab12"`], [`"ab1"`, `"xab12"`, `"ab12x"`]],
    ["pattern, unanchored", {type: "string", pattern: "ab"}, [`"xxabyy"`, `"ab"`], [`"a"`, `"ba"`]],
    ["pattern anchored at the start only", {type: "string", pattern: "^ab"}, [`"abz"`, `"ab"`], [`"zab"`]],
    ["pattern with a quote and a backslash", {type: "string", pattern: "^a\"b\\\\$"}, [`"a\\"b\\\\"`], [`"ab"`]],
    ["pattern dot", {type: "string", pattern: "^.$"}, [`"x"`, `"\\""`, `"\\\\"`, `"é"`], [`"\\n"`, `""`, `"xy"`]],
    ["pattern negated class", {type: "string", pattern: "^[^a\\d]$"}, [`"b"`, `"\\t"`], [`"a"`, `"5"`]],
    ["pattern escapes", {type: "string", pattern: "^\\w\\s\\d\\.\\/[\\-]\\W\\S\\D$"}, [`"a 1./-!x_"`], [`"a 1./-ax_"`]],
    ["pattern groups, alternation, quantifiers", {type: "string", pattern: "^(?:ab|cd){2,3}(x)?y*z+$"}, [`"abcdz"`, `"abcdabxyyzz"`], [`"abz"`, `"abcdabcdz"`, `"abcd"`]],
    ["pattern named group, lazy quantifier, \\u escape", {type: "string", pattern: "^(?<year>\\d{4})-\\u0041+?$"}, [`"2024-AA"`], [`"2024-"`]],
    ["pattern alternatives with their own anchors", {type: "string", pattern: "^a$|^b"}, [`"a"`, `"bcd"`], [`"ab"`, `"cb"`]],
    ["pattern only valid without the u flag", {type: "string", pattern: "^\\d{3}\\-\\d{4}$"}, [`"555-1234"`], [`"5551234"`]],
    ["pattern digits run capped", {type: "string", pattern: "^\\d+$"}, [`"12345678901234567"`], [`"123456789012345678"`]],
    ["date-time format", {type: "string", format: "date-time"}, [`"2024-02-28T23:59:59Z"`, `"1999-12-31T00:00:00.123+05:30"`], [`"2024-02-30T00:00:00Z"`, `"2024-01-01T00:00:00"`]],
    ["date format", {type: "string", format: "date"}, [`"2024-04-30"`, `"2023-02-28"`], [`"2024-04-31"`, `"2024-13-01"`, `"2024-02-29"`]],
    ["time format", {type: "string", format: "time"}, [`"23:59:59Z"`, `"08:00:00.5-01:00"`], [`"24:00:00Z"`, `"12:00"`]],
    ["duration format", {type: "string", format: "duration"}, [`"P1Y2M3DT4H5M6S"`, `"PT5M"`, `"P2W"`, `"P3D"`], [`"P"`, `"PT"`, `"P1H"`]],
    ["email format", {type: "string", format: "email"}, [`"ann.lee+x@mail.example.com"`], [`"ann@com"`, `"@x.com"`, `"a b@c.de"`]],
    ["uuid format", {type: "string", format: "uuid"}, [`"123e4567-e89b-12d3-a456-426614174000"`], [`"123e4567e89b12d3a456426614174000"`]],
    ["uri format", {type: "string", format: "uri"}, [`"https://example.com/a/b?x=1&y=2#top"`, `"http://localhost:8080"`], [`"example.com"`]],
    ["hostname format", {type: "string", format: "hostname"}, [`"a-b.example.org"`, `"localhost"`], [`"-a.com"`, `"a..b"`]],
    ["ipv4 format", {type: "string", format: "ipv4"}, [`"192.168.0.255"`, `"0.0.0.0"`], [`"256.1.1.1"`, `"01.1.1.1"`, `"1.1.1"`]],
    ["ipv6 format", {type: "string", format: "ipv6"}, [`"2001:db8:0:0:0:0:2:1"`, `"::1"`, `"fe80::"`, `"1:2:3:4:5:6::7"`, `"::"`], [`"1:2"`, `"1:::2"`]],
    ["unknown format: an annotation", {type: "string", format: "color-name"}, [`"anything"`], []],
    ["array with minItems and maxItems", {type: "array", items: {type: "integer"}, minItems: 1, maxItems: 3}, ["[1]", "[1, 2, 3]"], ["[]", "[1, 2, 3, 4]"]],
    ["prefixItems with items: false", {prefixItems: [{type: "string"}, {type: "integer"}], items: false}, [`["a", 1]`, `["a"]`, "[]"], [`["a", 1, 2]`, "[1]"]],
    ["prefixItems then items, minItems", {prefixItems: [{const: 1}], items: {type: "boolean"}, minItems: 2}, ["[1, true]", "[1, true, false]"], ["[1]", "[true]"]],
    ["prefixItems without items writes no extra items", {prefixItems: [{type: "null"}, {type: "null"}]}, ["[null, null]", "[null]"], ["[null, null, null]"]],
    ["draft-07 items list and additionalItems", {items: [{type: "integer"}], additionalItems: {type: "string"}}, [`[1, "a", "b"]`], [`[1, 2]`]],
    ["items: false", {type: "array", items: false}, ["[]"], ["[1]"]],
    ["whitespace is bounded", {type: "object", properties: {a: {type: "integer"}}, required: ["a"]},
        [`{"a":\n${" ".repeat(20)}1}`, `{ "a" : 1 }`], [`{"a":\n${" ".repeat(21)}1}`, `{"a":  1}`, ` {"a": 1}`]]
];

describe("compileJsonSchema", () => {
    it.each(cases)("%s: llama.cpp loads the grammar, which writes exactly the valid texts", async (_, schema, accepted, rejected) => {
        const {grammar} = await load(schema);
        const validate = createSchemaValidator(schema);
        for (const text of accepted) {
            expect(matches(grammar, text), `grammar matches ${text}`).toBe(true);
            expect(validate(JSON.parse(text)), `schema accepts ${text}`).toEqual({valid: true});
        }
        for (const text of rejected) expect(matches(grammar, text), `grammar rejects ${text}`).toBe(false);
    });

    it.each(fixtureSchemas())("compiles the fixture $name into a grammar llama.cpp loads", async ({schema}) => {
        await load(schema);
    });

    it("lists what the check must enforce", () => {
        const {checkedAfter} = compileJsonSchema({
            type: "object",
            properties: {
                id: {type: "string", format: "uuid", pattern: "^[0-9a-f-]+$", minLength: 36},
                price: {type: "number", exclusiveMinimum: 0, multipleOf: 0.01},
                age: {type: "integer", minimum: 0, maximum: 150},
                tags: {type: "array", items: {type: "string"}, uniqueItems: true, contains: {const: "a"}},
                shape: {oneOf: [{type: "integer"}, {type: "string"}]},
                meta: {type: "object", minProperties: 1, propertyNames: {maxLength: 3}}
            }
        });
        expect(checkedAfter).toEqual(expect.arrayContaining([
            {keyword: "format", path: "/properties/id"},
            {keyword: "minLength", path: "/properties/id"},
            {keyword: "exclusiveMinimum", path: "/properties/price"},
            {keyword: "multipleOf", path: "/properties/price"},
            {keyword: "uniqueItems", path: "/properties/tags"},
            {keyword: "contains", path: "/properties/tags"},
            {keyword: "oneOf", path: "/properties/shape"},
            {keyword: "minProperties", path: "/properties/meta"},
            {keyword: "propertyNames", path: "/properties/meta"}
        ]));
        expect(checkedAfter).toHaveLength(9); // integer bounds and the pattern are the grammar's alone
        expect(compileJsonSchema({type: "integer", minimum: -9007199254740991, maximum: 9007199254740991}).checkedAfter).toEqual([]);
    });

    it.each(Object.entries(jsonSchemaSupport).filter(([, support]) => support.handling === "check").map(([keyword]) => keyword))(
        "leaves %s to the check, as the table says", async (keyword) => {
            const value = ({contains: {type: "integer"}, propertyNames: {maxLength: 2}, uniqueItems: true} as Record<string, unknown>)[keyword] ?? 1;
            const {checkedAfter} = await load({type: "object", properties: {x: {[keyword]: value}}});
            expect(checkedAfter).toEqual([{keyword, path: "/properties/x"}]);
        });

    it("has a grammar for every format the table names", async () => {
        const note = jsonSchemaSupport.format!.note;
        const formats = ["date-time", "date", "time", "duration", "email", "uuid", "uri", "hostname", "ipv4", "ipv6", "iso-date-time", "iso-time",
            "uri-reference", "json-pointer", "byte", "url", "uri-template", "regex", "relative-json-pointer", "json-pointer-uri-fragment", "password", "binary"];
        for (const format of formats) {
            expect(note).toContain(format);
            const {grammar, checkedAfter} = await load({type: "string", format});
            expect(checkedAfter).toEqual([]);
            expect(matches(grammar, `"? ${format} !"`), format).toBe(["password", "binary"].includes(format));
        }
    });
});

describe("compileJsonSchema refuses what a grammar can't enforce", () => {
    const refusedKeywords = Object.entries(jsonSchemaSupport).filter(([, support]) => support.handling === "refused").map(([keyword]) => keyword);

    it.each(refusedKeywords)("refuses %s, naming it and where it is", (keyword) => {
        const value = keyword.endsWith("Ref") ? "#/$defs/x" : keyword === "dependentRequired" ? {a: ["b"]} : {};
        const error = refusal({type: "object", properties: {"a/b": {type: "array", items: {[keyword]: value}}}});
        expect(error).toMatchObject({code: "unsupported_json_schema", keyword, path: "/properties/a~1b/items"});
        expect(error.message).toBe(`uses "${keyword}", which can't be enforced, at /properties/a~1b/items`);
    });

    it.each([
        ["a lookahead", "^(?=a)a$", "lookahead"],
        ["a negative lookahead", "^(?!a).$", "lookahead"],
        ["a lookbehind", "(?<=a)b", "lookbehind"],
        ["a backreference", "^(a)\\1$", "backreference"],
        ["a named backreference", "^(?<x>a)\\k<x>$", "backreference"],
        ["a word boundary", "\\bcat\\b", "word boundary"],
        ["a Unicode property", "^\\p{L}+$", "Unicode property"],
        ["an anchor inside", "a^b", "anchor"],
        ["an anchor in a group", "(^a|b)c", "anchor"],
        ["an empty repetition", "^(a?)*$", "can match nothing"],
        ["an invalid regex", "[", "not a valid regex"],
        ["inline flags", "(?i:a)", "inline flags"]
    ])("refuses a pattern with %s", (_, pattern, construct) => {
        const error = refusal({type: "object", properties: {code: {type: "string", pattern}}});
        expect(error).toMatchObject({keyword: "pattern", path: "/properties/code"});
        expect(error.message).toContain(construct);
        expect(error.message).toMatch(/ at \/properties\/code$/);
    });

    it.each([
        ["the false schema", false, "false", ""],
        ["a false property that is required", {properties: {a: false}, required: ["a"]}, "required", ""],
        ["a required property additionalProperties: false forbids", {properties: {a: {}}, required: ["b"], additionalProperties: false}, "required", ""],
        ["a remote $ref", {properties: {a: {$ref: "https://example.com/schema.json"}}}, "$ref", "/properties/a"],
        ["a $ref to nothing", {properties: {a: {$ref: "#/$defs/missing"}}}, "$ref", "/properties/a"],
        ["a $ref to an anchor", {items: {$ref: "#node"}}, "$ref", "/items"],
        ["left recursion", {anyOf: [{$ref: "#"}, {type: "null"}]}, "$ref", "/anyOf/0"],
        ["left recursion through $defs", {$defs: {a: {anyOf: [{$ref: "#/$defs/b"}]}, b: {allOf: [{$ref: "#/$defs/a"}]}}, $ref: "#/$defs/a"}, "$ref", "/$defs/b/allOf/0"],
        ["allOf with no common type", {allOf: [{type: "string"}, {type: "integer"}]}, "type", ""],
        ["allOf with two patterns", {allOf: [{pattern: "^a"}, {pattern: "^b"}]}, "pattern", "/allOf/1"],
        ["allOf with disjoint enums", {allOf: [{enum: [1]}, {const: 2}]}, "const", "/allOf/1"],
        ["an unknown type", {properties: {a: {type: "date"}}}, "type", "/properties/a"],
        ["minimum above maximum", {type: "integer", minimum: 5, maximum: 4}, "minimum", ""],
        ["minItems above maxItems", {type: "array", minItems: 3, maxItems: 2}, "maxItems", ""],
        ["minLength above maxLength", {type: "string", minLength: 3, maxLength: 2}, "maxLength", ""],
        ["anyOf none of whose branches it can follow", {anyOf: [{not: {}}, {type: "string", pattern: "(?=a)"}]}, "not", "/anyOf/0"],
        ["an enum no value of which has the type", {type: "integer", enum: ["a"]}, "enum", ""],
        ["a schema that isn't one", {properties: {a: 5}}, "schema", "/properties/a"]
    ])("refuses %s", (_, schema, keyword, path) => {
        expect(refusal(schema)).toMatchObject({code: "unsupported_json_schema", keyword, path});
    });
});
