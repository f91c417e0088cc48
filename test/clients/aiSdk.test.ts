import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {generateText, streamText, tool} from "ai";
import {createOpenAICompatible} from "@ai-sdk/openai-compatible";
import {createOpenAI} from "@ai-sdk/openai";
import {z} from "zod";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/** A widely used framework beyond `openai`: the Vercel AI SDK (ai 7) through its OpenAI-compatible provider and OpenAI's own. */
let server: TestServer;
const model = () => createOpenAICompatible({name: "tholos", baseURL: server.baseUrl, apiKey: server.apiKey, includeUsage: true})("stories260K");

beforeAll(async () => {
    server = await startTestServer({sequences: 1});
});
afterAll(async () => {
    await server?.close();
});

describe("Vercel AI SDK (@ai-sdk/openai-compatible)", () => {
    it("generateText: a whole answer with usage", async () => {
        const result = await generateText({model: model(), prompt: "Say hello in one sentence.", maxOutputTokens: 12, maxRetries: 0});
        expect(result.text.length).toBeGreaterThan(0);
        expect(["stop", "length"]).toContain(result.finishReason);
        expect(result.usage.outputTokens).toBeGreaterThan(0);
        expect(result.usage.outputTokens).toBeLessThanOrEqual(12);
        expect(result.usage.inputTokens).toBeGreaterThan(0);
    });

    it("generateText: a system message and a conversation", async () => {
        const result = await generateText({
            model: model(),
            system: "You tell stories.",
            messages: [{role: "user", content: "Once upon a time"}, {role: "assistant", content: "there was a cat."}, {role: "user", content: "Go on."}],
            maxOutputTokens: 8,
            temperature: 0,
            maxRetries: 0
        });
        expect(result.text.length).toBeGreaterThan(0);
    });

    it("streamText: text arrives in several deltas, then the finish reason and usage", async () => {
        const errors: unknown[] = [];
        const result = streamText({
            model: model(), prompt: "Tell me a very short story.", maxOutputTokens: 16, maxRetries: 0,
            onError: ({error}) => void errors.push(error)
        });
        const deltas: string[] = [];
        for await (const delta of result.textStream) deltas.push(delta);
        expect(errors).toEqual([]);
        expect(deltas.length).toBeGreaterThanOrEqual(2);
        expect(await result.text).toBe(deltas.join(""));
        expect(["stop", "length"]).toContain(await result.finishReason);
        expect((await result.usage).outputTokens).toBeGreaterThan(0);
    });

    it("surfaces a wrong key as an error", async () => {
        const wrong = createOpenAICompatible({name: "tholos", baseURL: server.baseUrl, apiKey: "wrong-key"})("stories260K");
        await expect(generateText({model: wrong, prompt: "Hi", maxRetries: 0})).rejects.toThrow(/API key/);
    });

    it("a forced tool call with a zod 4 input schema: the SDK parses it and runs the tool", async () => {
        const inputs: {city: string}[] = [];
        const result = await generateText({
            model: model(),
            prompt: "What is the weather in Paris?",
            tools: {
                get_weather: tool({
                    description: "The current weather in a city.",
                    inputSchema: z.object({city: z.string().max(20)}),
                    execute: async (input) => {
                        inputs.push(input);
                        return {sky: "sunny"};
                    }
                })
            },
            toolChoice: {type: "tool", toolName: "get_weather"},
            maxOutputTokens: 128,
            maxRetries: 0
        });
        expect(result.finishReason).toBe("tool-calls");
        expect(result.toolCalls.map((call) => call.toolName)).toEqual(["get_weather"]);
        expect(inputs).toHaveLength(1);
        expect(Object.keys(inputs[0]!)).toEqual(["city"]);
        expect(result.toolResults[0]?.output).toEqual({sky: "sunny"});
    });
});

describe("Vercel AI SDK (@ai-sdk/openai), chat-completions model", () => {
    // `openai(id)` alone speaks the Responses API (the Responses issue); `.chat(id)` is the Chat Completions model.
    const openai = () => createOpenAI({baseURL: server.baseUrl, apiKey: server.apiKey});

    it("generateText and streamText", async () => {
        const whole = await generateText({model: openai().chat("stories260K"), prompt: "Say hello.", maxOutputTokens: 12, maxRetries: 0});
        expect(whole.text.length).toBeGreaterThan(0);
        expect(whole.usage.outputTokens).toBeGreaterThan(0);

        const streamed = streamText({model: openai().chat("stories260K"), prompt: "Tell me a story.", maxOutputTokens: 12, maxRetries: 0});
        const deltas: string[] = [];
        for await (const delta of streamed.textStream) deltas.push(delta);
        expect(deltas.join("").length).toBeGreaterThan(0);
        expect((await streamed.usage).outputTokens).toBeGreaterThan(0);
    });
});

describe("Vercel AI SDK (@ai-sdk/openai), its default model: the Responses API", () => {
    const openai = () => createOpenAI({baseURL: server.baseUrl, apiKey: server.apiKey});

    it("generateText and streamText with openai(id)", async () => {
        const whole = await generateText({model: openai()("stories260K"), prompt: "Say hello.", maxOutputTokens: 12, maxRetries: 0});
        expect(whole.text.length).toBeGreaterThan(0);
        expect(whole.usage.outputTokens).toBeGreaterThan(0);
        expect(whole.response.id).toMatch(/^resp_/);

        const streamed = streamText({model: openai()("stories260K"), prompt: "Tell me a story.", maxOutputTokens: 12, maxRetries: 0});
        const deltas: string[] = [];
        for await (const delta of streamed.textStream) deltas.push(delta);
        expect(deltas.join("").length).toBeGreaterThan(0);
        expect((await streamed.usage).outputTokens).toBeGreaterThan(0);
    });

    it("calls a tool with an integer input through openai(id), streamed, and runs it", async () => {
        const inputs: unknown[] = [];
        const result = streamText({
            model: openai()("stories260K"),
            prompt: "What is the weather in Paris over the next days?",
            tools: {
                get_weather: tool({
                    description: "The weather in a city for some days.",
                    inputSchema: z.object({city: z.string().max(20), days: z.number().int().min(1).max(7)}),
                    execute: async (input) => {
                        inputs.push(input);
                        return {sky: "sunny"};
                    }
                })
            },
            toolChoice: {type: "tool", toolName: "get_weather"},
            maxOutputTokens: 200,
            maxRetries: 0
        });
        expect(await result.finishReason).toBe("tool-calls");
        expect((await result.toolCalls).map((call) => call.toolName)).toEqual(["get_weather"]);
        expect(inputs).toHaveLength(1);
        expect(Object.keys(inputs[0]!).sort()).toEqual(["city", "days"]);
        expect(Number.isInteger((inputs[0] as {days: number}).days)).toBe(true);
    });
});
