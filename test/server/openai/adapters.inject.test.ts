import type {FastifyInstance} from "fastify";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildOpenApiDocument} from "../../../contract/index.js";
import {createServer} from "../../../src/server/createServer.js";
import {validateAgainstOpenAi} from "../../support/openAiSchemaValidator.js";

/**
 * The OpenAI adapters alone, through Fastify's `inject()` with no model loaded: every check an adapter makes on its
 * own fields answers before it asks for the engine, so these are 400s (not the 503 a valid request gets). Fast: no
 * socket, no model — this file runs in the parallel test project.
 */
let app: FastifyInstance;
const apiKey = "inject-test-key";

beforeAll(async () => {
    app = await createServer({engine: () => null, apiKey: () => apiKey, openApiDocument: buildOpenApiDocument({version: "test"})});
});
afterAll(async () => {
    await app?.close();
});

const post = async (url: string, payload: unknown, headers: Record<string, string> = {authorization: `Bearer ${apiKey}`}) => {
    const response = await app.inject({method: "POST", url, payload: payload as object, headers});
    const body = response.json();
    if (response.statusCode >= 400) validateAgainstOpenAi("ErrorResponse", body);
    return {status: response.statusCode, headers: response.headers, body};
};
const messages = [{role: "user", content: "Hi"}];

describe("OpenAI adapters through inject()", () => {
    it("an injected request passes the Host guard (nothing listens) but still needs the key", async () => {
        expect((await post("/v1/chat/completions", {messages}, {})).status).toBe(401);
        const valid = await post("/v1/chat/completions", {messages});
        expect(valid).toMatchObject({status: 503, body: {error: {code: "model_not_loaded"}}});
        expect(valid.headers["retry-after"]).toBe("5");
    });

    it.each([
        [{messages, audio: {voice: "alloy", format: "mp3"}}, "audio"],
        [{messages, modalities: ["text", "audio"]}, "modalities"],
        [{messages, functions: [{name: "f"}]}, "functions"],
        [{messages, top_logprobs: 2}, "top_logprobs"],
        [{messages: [{role: "user", content: [{type: "image_url", image_url: {url: "data:,"}}]}]}, "messages[0].content[0].type"],
        [{messages, n: 17}, "n"],
        [{messages, temperature: 3}, "temperature"],
        [{messages: []}, "messages"]
    ])("chat: %j ⇒ 400 naming %s, without a model", async (body, param) => {
        const {status, body: error} = await post("/v1/chat/completions", body);
        expect(status).toBe(400);
        expect(error.error.param).toBe(param);
    });

    it.each([
        [{prompt: "Hi", best_of: 3}, "best_of"],
        [{prompt: "Hi", suffix: "end"}, "suffix"],
        [{prompt: [1, 2], echo: true}, "echo"],
        [{prompt: "Hi", logprobs: 6}, "logprobs"]
    ])("completions: %j ⇒ 400 naming %s, without a model", async (body, param) => {
        const {status, body: error} = await post("/v1/completions", body);
        expect(status).toBe(400);
        expect(error.error.param).toBe(param);
    });

    it.each([
        [{input: "Hi", tools: [{type: "web_search"}]}, "tools[0].type"],
        [{input: "Hi", tools: [{type: "function", name: "f"}, {type: "code_interpreter", container: {type: "auto"}}]}, "tools[1].type"],
        [{input: "Hi", include: ["message.output_text.logprobs"]}, "include[0]"],
        [{input: "Hi", include: ["reasoning.encrypted_content", "everything"]}, "include[1]"],
        [{input: [{role: "user", content: [{type: "input_text", text: "What is this?"}, {type: "input_image", image_url: "data:,"}]}]}, "input[0].content[1].type"],
        [{input: "Hi", background: true}, "background"],
        [{input: "Hi", top_logprobs: 3}, "top_logprobs"],
        [{input: "Hi", temperature: 3}, "temperature"],
        [{}, "input"]
    ])("responses: %j ⇒ 400 naming %s, without a model", async (body, param) => {
        const {status, body: error} = await post("/v1/responses", body);
        expect(status).toBe(400);
        expect(error.error.param).toBe(param);
    });

    it("a previous_response_id nothing stored is a 404 naming it, without a model", async () => {
        const {status, body} = await post("/v1/responses", {input: "Hi", previous_response_id: "resp_1"});
        expect(status).toBe(404);
        expect(body.error).toMatchObject({code: "response_not_found", param: "previous_response_id", type: "invalid_request_error"});
    });

    it("an unknown /v1 route is an OpenAI-shaped 404", async () => {
        const {status, body} = await post("/v1/nothing", {});
        expect(status).toBe(404);
        expect(body.error.code).toBe("not_found");
    });
});
