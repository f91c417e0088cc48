import {afterAll, beforeAll, describe, expect, it} from "vitest";
import OpenAI from "openai";
import {Agent, OpenAIChatCompletionsModel, run, setTracingDisabled, tool} from "@openai/agents";
import {z} from "zod";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/**
 * The OpenAI Agents SDK in chat-completions mode (its default Responses provider is the Responses issue's), with a
 * function tool. Tracing is off: by default the SDK uploads traces to OpenAI, and nothing may leave the machine.
 */
let server: TestServer;

beforeAll(async () => {
    setTracingDisabled(true);
    server = await startTestServer();
});
afterAll(async () => {
    await server?.close();
});

describe("OpenAI Agents SDK (@openai/agents), chat-completions model", () => {
    it("runs an agent that calls a function tool, feeds its result back and finishes with an answer", async () => {
        const calls: {city: string}[] = [];
        const getWeather = tool({
            name: "get_weather",
            description: "The current weather in a city.",
            parameters: z.object({city: z.string().max(20)}),
            execute: async (input) => {
                calls.push(input);
                return `It is sunny in ${input.city}.`;
            }
        });
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
