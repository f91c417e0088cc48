import {afterAll, beforeAll, describe, expect, it} from "vitest";
import OpenAI from "openai";
import {Agent, OpenAIChatCompletionsModel, OpenAIProvider, Runner, run, setTracingDisabled, tool} from "@openai/agents";
import {z} from "zod";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/**
 * The OpenAI Agents SDK with a function tool, in chat-completions mode and with its default provider (the Responses
 * API). Tracing is off: by default the SDK uploads traces to OpenAI, and nothing may leave the machine.
 */
let server: TestServer;

beforeAll(async () => {
    setTracingDisabled(true);
    server = await startTestServer();
});
afterAll(async () => {
    await server?.close();
});

/** A get_weather function tool that records each call's input in `calls`. */
function weatherTool(calls: {city: string}[]) {
    return tool({
        name: "get_weather",
        description: "The current weather in a city.",
        parameters: z.object({city: z.string().max(20)}),
        execute: async (input) => {
            calls.push(input);
            return `It is sunny in ${input.city}.`;
        }
    });
}

describe("OpenAI Agents SDK (@openai/agents), chat-completions model", () => {
    it("runs an agent that calls a function tool, feeds its result back and finishes with an answer", async () => {
        const calls: {city: string}[] = [];
        const getWeather = weatherTool(calls);
        const client = new OpenAI({baseURL: server.baseUrl, apiKey: server.apiKey, maxRetries: 0});
        const agent = new Agent({
            name: "Weather",
            instructions: "Answer with the weather.",
            model: new OpenAIChatCompletionsModel(client, "stories260K"),
            tools: [getWeather],
            // Forced on the first turn; the SDK resets tool_choice after a tool call (resetToolChoice), so the second
            // turn answers in text.
            modelSettings: {toolChoice: "get_weather", maxTokens: 128, temperature: 0}
        });

        const result = await run(agent, "What is the weather in Paris?", {maxTurns: 4});

        expect(calls).toHaveLength(1);
        expect(Object.keys(calls[0]!)).toEqual(["city"]);
        const kinds = result.newItems.map((item) => item.type);
        expect(kinds.slice(0, 2)).toEqual(["tool_call_item", "tool_call_output_item"]);
        expect(kinds.at(-1)).toBe("message_output_item");
        expect(typeof result.finalOutput).toBe("string");
        expect(result.state.usage.outputTokens).toBeGreaterThan(0);
    });
});

describe("OpenAI Agents SDK (@openai/agents), its default provider: the Responses API", () => {
    it("runs an agent that calls a function tool through /v1/responses, whole and streamed", async () => {
        const calls: {city: string}[] = [];
        const getWeather = weatherTool(calls);
        // The default provider, pointed at this server: no model object, just the id
        const runner = new Runner({
            modelProvider: new OpenAIProvider({baseURL: server.baseUrl, apiKey: server.apiKey}),
            tracingDisabled: true
        });
        const agent = new Agent({
            name: "Weather",
            instructions: "Answer with the weather.",
            model: "stories260K",
            tools: [getWeather],
            modelSettings: {toolChoice: "get_weather", maxTokens: 128, temperature: 0},
            // The tool's result is the answer: a text turn of the story model would run into maxTokens, which the
            // SDK (rightly, as with OpenAI) treats as a failed run
            toolUseBehavior: "stop_on_first_tool"
        });

        const result = await runner.run(agent, "What is the weather in Paris?", {maxTurns: 2});
        expect(calls).toHaveLength(1);
        expect(result.newItems.map((item) => item.type)).toEqual(["tool_call_item", "tool_call_output_item"]);
        expect(result.finalOutput).toBe(`It is sunny in ${calls[0]!.city}.`);
        expect(result.state.usage.outputTokens).toBeGreaterThan(0);

        const streamed = await runner.run(agent, "What is the weather in Rome?", {maxTurns: 2, stream: true});
        const eventTypes = new Set<string>();
        for await (const event of streamed) eventTypes.add(event.type);
        await streamed.completed;
        expect(calls).toHaveLength(2);
        expect(eventTypes).toContain("raw_model_stream_event");
        expect(streamed.finalOutput).toBe(`It is sunny in ${calls[1]!.city}.`);
    });
});
