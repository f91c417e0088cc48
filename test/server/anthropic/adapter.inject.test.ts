import type {FastifyInstance} from "fastify";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {AnthropicErrorResponse, buildOpenApiDocument} from "../../../contract/index.js";
import {createServer} from "../../../src/server/createServer.js";

/**
 * The Anthropic adapter alone, through Fastify's `inject()` with no model loaded: its own checks answer before it asks
 * for the engine (400s), and a valid request is Anthropic's `overloaded_error` with Retry-After. No socket, no model.
 */
let app: FastifyInstance;
const apiKey = "inject-test-key";

beforeAll(async () => {
    app = await createServer({engine: () => null, apiKey: () => apiKey, openApiDocument: buildOpenApiDocument({version: "test"})});
});
afterAll(async () => {
    await app?.close();
});

const post = async (url: string, payload: unknown) => {
    const response = await app.inject({method: "POST", url, payload: payload as object, headers: {"x-api-key": apiKey, "anthropic-version": "2023-06-01"}});
    return {status: response.statusCode, headers: response.headers, body: AnthropicErrorResponse.strict().parse(response.json())};
};
const messages = [{role: "user", content: "Hi"}];

describe("the Anthropic adapter through inject()", () => {
    it("a valid request with no model loaded is a 503 overloaded_error with Retry-After, on both routes", async () => {
        for (const [url, body] of [["/v1/messages", {max_tokens: 8, messages}], ["/v1/messages/count_tokens", {messages}]] as const) {
            const answer = await post(url, body);
            expect(answer).toMatchObject({status: 503, body: {error: {type: "overloaded_error", message: expect.stringMatching(/No model is loaded/)}}});
            expect(answer.headers["retry-after"]).toBe("5");
        }
    });

    it.each([
        [{max_tokens: 8, messages: [{role: "user", content: [{type: "document", source: {type: "text", data: "x"}}]}]}, /messages\[0\]\.content\[0\] is of type "document"/],
        [{max_tokens: 8, messages: [{role: "assistant", content: [{type: "tool_result", tool_use_id: "x"}]}]}, /a tool_result block belongs in a user message/],
        [{max_tokens: 8, messages: [{role: "user", content: [{type: "server_tool_use", id: "x", name: "web_search", input: {}}]}]}, /Anthropic's server tools/],
        [{max_tokens: 8, messages, tools: [{type: "code_execution_20250825", name: "code_execution"}]}, /runs on Anthropic's servers/],
        [{max_tokens: 8, messages, tools: [{type: "text_editor_20250728", name: "str_replace_based_edit_tool"}]}, /custom tool/],
        [{max_tokens: 8, messages, thinking: {type: "enabled"}}, /thinking\.budget_tokens/],
        [{max_tokens: 8, messages, tool_choice: {type: "sometimes"}}, /tool_choice/],
        [{max_tokens: 8, messages, stop_sequences: Array(17).fill("x")}, /stop_sequences/],
        [{max_tokens: 8, messages: [{role: "tool", content: "x"}]}, /messages\[0\]\.role/]
    ])("%j ⇒ a 400 invalid_request_error saying %s, without a model", async (body, message) => {
        const {status, body: error} = await post("/v1/messages", body);
        expect(status).toBe(400);
        expect(error.error).toMatchObject({type: "invalid_request_error", message: expect.stringMatching(message)});
    });
});
