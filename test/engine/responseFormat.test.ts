import {Ajv} from "ajv";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateChatCompletionStreamResponse, ErrorResponse} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {streamApi} from "../support/streamApi.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

let server: TestServer;
beforeAll(async () => {
    server = await startTestServer();
});
afterAll(async () => {
    await server?.close();
});

const messages = [{role: "user", content: "Tell me a story"}];
const chat = (body: object) => callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages, max_tokens: 300, ...body}});

/**
 * The grammar guarantees JSON, not that a 260K-parameter model ever closes its strings: left alone it writes one
 * endless string. Banning commas (stories260K's tokens 47 and 432) and favouring quotes (313, 436) makes it finish.
 */
const finishJson = {47: -100, 432: -100, 313: 5, 436: 5};

const personSchema = {
    type: "object",
    properties: {
        name: {type: "string", maxLength: 20},
        age: {type: "integer"}
    },
    required: ["name", "age"],
    additionalProperties: false
};

describe("response_format json_object", () => {
    it.each([{temperature: 0}, {temperature: 0.7, seed: 1}, {temperature: 1, seed: 2}])("answers one JSON object (%o)", async (sampling) => {
        const {body} = await chat({...sampling, response_format: {type: "json_object"}, logit_bias: finishJson});
        expect(body.choices[0]!.finish_reason).toBe("stop");
        const value: unknown = JSON.parse(body.choices[0]!.message.content!);
        expect(value).toBeTypeOf("object");
        expect(Array.isArray(value)).toBe(false);
    });

    it("streams JSON too", async () => {
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions",
            {messages, max_tokens: 300, temperature: 0, response_format: {type: "json_object"}, logit_bias: finishJson});
        expect(stream.chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
        JSON.parse(stream.chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join(""));
    });
});

describe("the check after generation", () => {
    // The grammar can't enforce uniqueItems: it lets the model write ["a", "a"], which nothing else satisfies here.
    const unsatisfiable = {type: "object", properties: {tags: {type: "array", items: {enum: ["a"]}, minItems: 2, uniqueItems: true}}, required: ["tags"]};
    const format = {type: "json_schema", json_schema: {name: "tags", schema: unsatisfiable}};

    it("an answer that fails it is generated again, then refused with 422 naming the failure", async () => {
        const {status, body} = await callApi<ErrorResponse>(server, "/chat/completions", {body: {messages, max_tokens: 64, seed: 1, response_format: format}});
        expect(status).toBe(422);
        expect(body.error).toMatchObject({code: "schema_not_satisfied", param: "response_format.json_schema.schema"});
        expect(body.error.message).toMatch(/duplicate|unique/i);
        expect(body.error.message).toContain("in 3 attempts");
    });

    it("a streamed answer that fails it ends with the error event", async () => {
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions", {messages, max_tokens: 64, response_format: format});
        expect(stream.status).toBe(200);
        expect(stream.error?.error.code).toBe("schema_not_satisfied");
    });

    it("the server keeps serving", async () => {
        expect((await chat({max_tokens: 4})).status).toBe(200);
    });
});

describe("a JSON answer cut short by max_tokens", () => {
    // Regression: "Describe a cat. Reply in JSON." with 300 tokens ended mid-string (the tiny model writes endless strings).
    const cat = [{role: "user", content: "Describe a cat. Reply in JSON."}];

    it.each([300, 40, 7, 2])("still parses at max_tokens %i, with finish_reason length and usage within the budget", async (maxTokens) => {
        for (const seed of [1, 2, 3]) {
            const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions",
                {body: {messages: cat, max_tokens: maxTokens, seed, response_format: {type: "json_object"}}});
            const choice = body.choices[0]!;
            if (choice.finish_reason === "stop") continue;
            expect(choice.finish_reason).toBe("length");
            expect(() => JSON.parse(choice.message.content!), choice.message.content!).not.toThrow();
            expect(body.usage.completion_tokens).toBeLessThanOrEqual(maxTokens);
        }
    });

    it("streams only what stays in the closed answer, so the streamed text parses too", async () => {
        const request = {messages: cat, max_tokens: 60, seed: 4, response_format: {type: "json_object"}};
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions", request);
        const streamed = stream.chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
        expect(() => JSON.parse(streamed), streamed).not.toThrow();
        const whole = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: request});
        expect(streamed).toBe(whole.body.choices[0]!.message.content);
    });
});

describe("response_format json_schema", () => {
    const validate = new Ajv().compile(personSchema);

    // Seed 1 once gave {"age": -30e-3}: node-llama-cpp's integer rule allowed a negative exponent.
    it.each([0, 1, 2, 3, 4, 5])("answers JSON that matches the schema (seed %i)", async (seed) => {
        const {body} = await chat({seed, response_format: {type: "json_schema", json_schema: {name: "person", schema: personSchema}}});
        expect(body.choices[0]!.finish_reason).toBe("stop");
        const value: unknown = JSON.parse(body.choices[0]!.message.content!);
        expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    });

    it("enforces anyOf as one of its branches", async () => {
        const schema = {type: "object", properties: {nickname: {anyOf: [{type: "string", maxLength: 12}, {type: "null"}]}}, required: ["nickname"]};
        const validateNickname = new Ajv().compile(schema);
        for (const seed of [0, 1, 2]) {
            const {body} = await chat({seed, response_format: {type: "json_schema", json_schema: {name: "nickname", schema}}});
            expect(body.choices[0]!.finish_reason).toBe("stop");
            expect(validateNickname(JSON.parse(body.choices[0]!.message.content!))).toBe(true);
        }
    });

    // Regression: node-llama-cpp turned allOf into "write null" and dropped pattern, silently.
    it("refuses a schema the grammar can't follow with a 400 naming the keyword and where it is", async () => {
        for (const [schema, keyword] of [
            [{type: "object", properties: {x: {not: {type: "string"}}}}, /"not".*\/properties\/x/],
            [{type: "object", properties: {x: {type: "string", pattern: "^(?=a)b"}}}, /pattern.*\/properties\/x/],
            [{if: {type: "string"}, then: {maxLength: 2}}, /"if"/]
        ] as const) {
            const {status, body} = await callApi<ErrorResponse>(server, "/chat/completions", {body: {
                messages,
                response_format: {type: "json_schema", json_schema: {name: "bad", schema}}
            }});
            expect(status).toBe(400);
            expect(body.error).toMatchObject({param: "response_format.json_schema.schema", code: "unsupported_parameter"});
            expect(body.error.message).toMatch(keyword);
            expect(body.error.message).toMatch(/^response_format\.json_schema\.schema /);
        }
    });
});
