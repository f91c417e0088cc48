import {afterAll, beforeAll, describe, expect, it} from "vitest";
import Anthropic from "@anthropic-ai/sdk";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {codingAgentRequest} from "../fixtures/anthropic/codingAgentRequest.js";

/**
 * The official `@anthropic-ai/sdk`, current major (test/clients pins it), pointed at the server as its README says:
 * the origin as base URL (the SDK adds `/v1`), the key as `apiKey` (sent as `x-api-key`).
 */
let server: TestServer;
let agentServer: TestServer;
const client = (apiKey = server.apiKey, on = server) => new Anthropic({baseURL: on.origin, apiKey, maxRetries: 0});
const model = "stories260K";
const weatherTool = {
    name: "get_weather",
    description: "The weather in a city",
    input_schema: {type: "object" as const, properties: {city: {type: "string", maxLength: 12}}, required: ["city"]}
};
const question: Anthropic.MessageParam[] = [{role: "user", content: "What's the weather in Paris?"}];

beforeAll(async () => {
    server = await startTestServer();
    // A coding agent's prompt is long (≈ 4500 tokens of system prompt and a dozen tools): more context than
    // stories260K's default, with room for an answer of ≈ 1600 tokens (its max_tokens, 32000, is capped to that)
    agentServer = await startTestServer({contextSize: 6144, sequences: 1});
});
afterAll(async () => {
    await server?.close();
    await agentServer?.close();
});

describe("the official Anthropic SDK", () => {
    it("creates a message", async () => {
        const message = await client().messages.create({model, max_tokens: 12, messages: question});
        expect(message.type).toBe("message");
        expect(message.content[0]?.type).toBe("text");
        expect(["end_turn", "max_tokens"]).toContain(message.stop_reason);
        expect(message.usage.output_tokens).toBeLessThanOrEqual(12);
    });

    it("streams with the SDK's helper: text events join to the final message's text", async () => {
        const stream = client().messages.stream({model, max_tokens: 16, messages: question, system: "You tell stories."});
        let text = "";
        stream.on("text", (delta) => {
            text += delta;
        });
        const final = await stream.finalMessage();
        expect(text.length).toBeGreaterThan(0);
        expect(final.content).toEqual([{type: "text", text, citations: null}]);
        expect(final.usage.output_tokens).toBeGreaterThan(0);
    });

    it("round-trips a forced tool call (tool_choice any, then named): tool_use → tool_result → an answer", async () => {
        for (const toolChoice of [{type: "any"}, {type: "tool", name: "get_weather"}] as Anthropic.ToolChoice[]) {
            const first = await client().messages.create({
                model, max_tokens: 200, messages: question, tools: [weatherTool], tool_choice: toolChoice
            });
            expect(first.stop_reason).toBe("tool_use");
            const call = first.content.find((block): block is Anthropic.ToolUseBlock => block.type === "tool_use")!;
            expect(call.name).toBe("get_weather");
            expect(typeof (call.input as {city: unknown}).city).toBe("string");

            const second = await client().messages.create({
                model, max_tokens: 16, tools: [weatherTool],
                messages: [...question, {role: "assistant", content: first.content}, {
                    role: "user", content: [{type: "tool_result", tool_use_id: call.id, content: "Sunny, 18 °C"}]
                }]
            });
            expect(second.content.every((block) => block.type !== "tool_use" || block.name === "get_weather")).toBe(true);
            expect(second.usage.input_tokens).toBeGreaterThan(first.usage.input_tokens);
        }
    });

    it("counts tokens as the message would use them", async () => {
        const counted = await client().messages.countTokens({model, messages: question, tools: [weatherTool]});
        const message = await client().messages.create({model, max_tokens: 1, messages: question, tools: [weatherTool]});
        expect(counted.input_tokens).toBe(message.usage.input_tokens);
    });

    it("lists and retrieves the model", async () => {
        const models: Anthropic.ModelInfo[] = [];
        for await (const each of client().models.list()) models.push(each);
        expect(models.map((each) => each.id)).toEqual([model]);
        expect((await client().models.retrieve(model)).display_name).toBe(model);
    });

    it("maps failures to the SDK's typed errors", async () => {
        await expect(client("wrong-key").messages.create({model, max_tokens: 4, messages: question})).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
        await expect(client().messages.create({model, max_tokens: 0, messages: question})).rejects.toBeInstanceOf(Anthropic.BadRequestError);
        await expect(client().messages.create({model: "claude-local-test", max_tokens: 4, messages: question})).rejects.toBeInstanceOf(Anthropic.NotFoundError);
        const bad = await client().messages.create({model, max_tokens: 4, messages: [{role: "user", content: [{type: "image", source: {type: "base64", media_type: "image/png", data: "AAAA"}}]}]})
            .catch((error: unknown) => error);
        expect(bad).toBeInstanceOf(Anthropic.BadRequestError);
        expect((bad as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({type: "error", error: {type: "invalid_request_error", message: expect.stringMatching(/only reads text/)}});
    });

    it("serves a coding agent's streamed request (long system prompt with cache_control, a dozen nested tools), over the SDK and plain HTTP", async () => {
        const stream = client(agentServer.apiKey, agentServer).messages.stream({...codingAgentRequest, model} as Anthropic.MessageStreamParams);
        const final = await stream.finalMessage();
        expect(["end_turn", "max_tokens", "tool_use"]).toContain(final.stop_reason);
        expect(final.usage.input_tokens).toBeGreaterThan(3000);

        const response = await fetch(`${agentServer.baseUrl}/messages`, {
            method: "POST",
            headers: {"x-api-key": agentServer.apiKey, "anthropic-version": "2023-06-01", "content-type": "application/json"},
            body: JSON.stringify({...codingAgentRequest, stream: false, max_tokens: 8})
        });
        expect(response.status).toBe(200);
        expect((await response.json() as Anthropic.Message).usage.input_tokens).toBe(final.usage.input_tokens);
    }, 180_000);
});
