import {describe, expect, it} from "vitest";
import {EngineError} from "../../src/engine/EngineError.js";
import {toGrammarSchema} from "../../src/engine/chat/toGrammarSchema.js";

const param = "response_format.json_schema.schema";

function refusal(schema: unknown) {
    try {
        toGrammarSchema(schema, param);
    } catch (error) {
        expect(error).toBeInstanceOf(EngineError);
        expect(error).toMatchObject({code: "unsupported_parameter", param});
        return (error as Error).message;
    }
    throw new Error(`${JSON.stringify(schema)} was accepted`);
}

describe("toGrammarSchema", () => {
    it("keeps what the grammar enforces and drops annotations it doesn't need", () => {
        const schema = {
            $schema: "https://json-schema.org/draft/2020-12/schema",
            type: "object",
            title: "Person",
            properties: {
                name: {type: "string", minLength: 1, maxLength: 20, examples: ["Ann"]},
                tags: {type: "array", items: {enum: ["a", "b"]}, maxItems: 3},
                born: {type: "string", format: "date"},
                pet: {$ref: "#/$defs/pet"}
            },
            required: ["name"],
            additionalProperties: false,
            $defs: {pet: {type: "object", properties: {kind: {const: "cat"}}}}
        };
        const {$schema: _, ...rest} = schema;
        expect(toGrammarSchema(schema, param)).toEqual({...rest, properties: {...schema.properties, name: {type: "string", minLength: 1, maxLength: 20}}});
    });

    it("turns anyOf into the grammar's oneOf, an alternation", () => {
        expect(toGrammarSchema({anyOf: [{type: "string"}, {type: "null"}]}, param)).toEqual({oneOf: [{type: "string"}, {type: "null"}]});
    });

    // node-llama-cpp would have made the model write `null` for allOf, and ignored the others.
    it.each([
        [{allOf: [{type: "string"}]}, '"allOf"', "its root"],
        [{type: "object", properties: {name: {type: "string", pattern: "^A"}}}, '"pattern"', "/properties/name"],
        [{type: "object", properties: {age: {type: "integer", minimum: 0}}}, '"minimum"', "/properties/age"],
        [{type: "object", properties: {x: {type: "no-such-type"}}}, '"no-such-type"', "/properties/x"],
        [{type: "object", properties: {x: {$ref: "#/definitions/x"}}}, "#/definitions/x", "/properties/x"],
        [{type: "object", properties: {x: {type: "string"}}, required: ["y"]}, "requires a property", "its root"],
        [{type: "string", format: "email"}, '"email"', "its root"],
        [{type: ["object", "null"]}, "type array", "its root"],
        [{type: "object", oneOf: [{type: "string"}]}, "combines", "its root"],
        [{type: "array", items: {not: {type: "null"}}}, '"not"', "/items"]
    ])("refuses %j, naming the keyword and where it is", (schema, keyword, at) => {
        const message = refusal(schema);
        expect(message).toContain(keyword);
        expect(message).toContain(at);
        expect(message).toMatch(/^\{param\} /);
    });
});
