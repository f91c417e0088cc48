import {describe, expect, it} from "vitest";
import {createSchemaValidator} from "../../../src/engine/grammar/createSchemaValidator.js";
import {JsonSchemaGrammarError} from "../../../src/engine/grammar/JsonSchemaGrammarError.js";
import {fixtureSchemas} from "./fixtureSchemas.js";

type Case = [name: string, schema: unknown, valid: unknown[], invalid: unknown[]];

const cases: Case[] = [
    ["date-time", {type: "string", format: "date-time"}, ["2024-02-29T12:00:00Z", "2023-01-01T00:00:00.5+01:00"], ["2023-02-29T12:00:00Z", "2024-01-01T12:00:00", "2024-01-01"]],
    ["date", {type: "string", format: "date"}, ["2024-02-29"], ["2023-02-29", "2024-04-31", "24-01-01"]],
    ["time", {type: "string", format: "time"}, ["23:59:59Z", "08:00:00+02:00"], ["24:00:00Z", "08:00:00"]],
    ["duration", {type: "string", format: "duration"}, ["P1Y2M", "PT5S", "P2W"], ["P", "PT", "1Y"]],
    ["email", {type: "string", format: "email"}, ["ann@example.com"], ["ann@", "ann.example.com", "a b@example.com"]],
    ["uuid", {type: "string", format: "uuid"}, ["123e4567-e89b-12d3-a456-426614174000"], ["123e4567-e89b-12d3-a456", "not-a-uuid"]],
    ["uri", {type: "string", format: "uri"}, ["https://example.com/a?b=c#d", "urn:isbn:0451450523"], ["example.com", "/relative/path"]],
    ["hostname", {type: "string", format: "hostname"}, ["example.com", "a-b.c"], ["-a.com", "a_b.com", `${"a".repeat(64)}.com`]],
    ["ipv4", {type: "string", format: "ipv4"}, ["10.0.0.1"], ["256.0.0.1", "1.2.3"]],
    ["ipv6", {type: "string", format: "ipv6"}, ["::1", "2001:db8::8a2e:370:7334"], ["1:2:3", "::g"]],
    ["an unknown format is ignored", {type: "string", format: "colour"}, ["anything"], [1]],
    ["formats only apply to strings", {format: "email"}, [1, null, "a@b.co"], ["not an email"]],
    ["nullable: true beside a type (OpenAPI 3.0)", {type: "string", nullable: true}, ["a", null], [1]],
    ["nullable: true beside an enum", {type: "string", enum: ["a", "b"], nullable: true}, ["a", null], ["c"]],
    ["nullable: true beside a const", {type: "integer", const: 3, nullable: true}, [3, null], [4]],
    ["nullable: true beside a $ref", {$defs: {n: {type: "integer"}}, $ref: "#/$defs/n", nullable: true}, [1, null], ["1"]],
    ["nullable: true on a nested property", {type: "object", properties: {a: {type: "object", nullable: true, properties: {b: {type: "integer"}}}}},
        [{a: null}, {a: {b: 1}}], [{a: {b: "x"}}, {a: 1}]],
    ["nullable: false changes nothing", {type: "string", nullable: false}, ["a"], [null]],
    ["definitions (draft-07)", {$schema: "http://json-schema.org/draft-07/schema#", definitions: {n: {type: "integer", minimum: 0}}, properties: {a: {$ref: "#/definitions/n"}}},
        [{a: 0}, {}], [{a: -1}, {a: 1.5}]],
    ["$defs and recursion", {$defs: {node: {type: "object", properties: {next: {anyOf: [{$ref: "#/$defs/node"}, {type: "null"}]}}, required: ["next"]}}, $ref: "#/$defs/node"},
        [{next: {next: null}}], [{next: {}}]],
    ["draft-07 items list and additionalItems", {items: [{type: "integer"}, {type: "string"}], additionalItems: false}, [[1, "a"], [1]], [[1, "a", 2], ["a"]]],
    ["draft-04 boolean exclusive bounds", {type: "number", minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: false}, [0.5, 1], [0, 1.5]],
    ["uniqueItems", {type: "array", uniqueItems: true}, [[1, 2], [{a: 1}, {a: 2}], []], [[1, 1], [{a: 1}, {a: 1}]]],
    ["multipleOf", {type: "number", multipleOf: 0.5}, [1, 1.5, -2], [1.2]],
    ["integer multipleOf", {type: "integer", multipleOf: 3}, [0, 9, -3], [4, 3.5]],
    ["oneOf's exclusivity", {oneOf: [{type: "integer"}, {type: "number", minimum: 2}]}, [1, 2.5], [3]],
    ["±MAX_SAFE_INTEGER bounds", {type: "integer", minimum: -9007199254740991, maximum: 9007199254740991}, [0, 9007199254740991], [9007199254740992, 1.5]],
    ["a pattern only valid without the u flag", {type: "string", pattern: "^\\d{3}\\-\\d{4}$"}, ["555-1234"], ["5551234"]],
    ["unknown keywords are ignored", {type: "integer", "x-order": 1, frobnicate: true}, [1], ["1"]]
];

describe("createSchemaValidator", () => {
    it.each(cases)("%s", (_, schema, valid, invalid) => {
        const validate = createSchemaValidator(schema);
        for (const value of valid) expect(validate(value), JSON.stringify(value)).toEqual({valid: true});
        for (const value of invalid) expect(validate(value), JSON.stringify(value)).toMatchObject({valid: false});
    });

    it("names where the value fails and why", () => {
        const validate = createSchemaValidator({type: "object", properties: {age: {type: "integer", maximum: 99}}});
        expect(validate({age: 100})).toEqual({valid: false, message: "/age must be <= 99"});
        expect(validate("x")).toEqual({valid: false, message: "the value must be object"});
    });

    it("does not change the schema it is given", () => {
        const schema = {type: "string", nullable: true, $schema: "http://json-schema.org/draft-07/schema#"};
        const copy = structuredClone(schema);
        createSchemaValidator(schema);
        expect(schema).toEqual(copy);
    });

    it.each(fixtureSchemas())("compiles the fixture $name", ({schema}) => {
        expect(createSchemaValidator(schema)({})).toHaveProperty("valid");
    });

    it("refuses a schema that is not valid JSON Schema, saying where", () => {
        let error: unknown;
        try {
            createSchemaValidator({type: "object", properties: {a: {minimum: "5"}}});
        } catch (caught) {
            error = caught;
        }
        expect(error).toBeInstanceOf(JsonSchemaGrammarError);
        expect(error).toMatchObject({keyword: "minimum", path: "/properties/a"});
    });
});
