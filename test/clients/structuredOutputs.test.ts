import {afterAll, beforeAll, describe, expect, it} from "vitest";
import OpenAI from "openai";
import {zodFunction, zodResponseFormat, zodTextFormat} from "openai/helpers/zod";
import {generateText, Output, tool} from "ai";
import {createOpenAICompatible} from "@ai-sdk/openai-compatible";
import {ChatOpenAI} from "@langchain/openai";
import {z} from "zod";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/**
 * Structured output the way current clients ask for it, with zod 4 schemas that have integer fields (zod 4 writes
 * ±MAX_SAFE_INTEGER bounds on every `.int()`, which this server refused before its own schema compiler). Strings are
 * bounded so the 260K-parameter model, which rambles inside strings, finishes.
 */
let server: TestServer;
beforeAll(async () => {
    server = await startTestServer();
});
afterAll(async () => {
    await server?.close();
});

const Character = z.object({
    name: z.string().max(12),
    age: z.number().int().min(0).max(120),
    level: z.number().int(),
    class: z.enum(["knight", "wizard", "thief"]),
    brave: z.boolean()
});
const Weather = z.object({city: z.string().max(12), days: z.number().int().min(1).max(7)});

describe("structured output with current clients and zod 4", () => {
    it("openai 7: chat.completions.parse with zodResponseFormat gives the parsed, valid object", async () => {
        const client = new OpenAI({baseURL: server.baseUrl, apiKey: server.apiKey, maxRetries: 0});
        for (const seed of [1, 2, 3]) {
            const completion = await client.chat.completions.parse({
                model: "stories260K", messages: [{role: "user", content: "Invent a character."}], max_tokens: 200, seed,
                response_format: zodResponseFormat(Character, "character")
            });
            const parsed = completion.choices[0]!.message.parsed;
            expect(Character.parse(parsed)).toEqual(parsed);
        }
    });

    it("openai 7: a forced zodFunction tool with integer arguments, parsed by the client", async () => {
        const client = new OpenAI({baseURL: server.baseUrl, apiKey: server.apiKey, maxRetries: 0});
        const completion = await client.chat.completions.parse({
            model: "stories260K", messages: [{role: "user", content: "Weather in Paris?"}], max_tokens: 200, seed: 4,
            tools: [zodFunction({name: "get_weather", parameters: Weather})],
            tool_choice: {type: "function", function: {name: "get_weather"}}
        });
        const call = completion.choices[0]!.message.tool_calls?.[0];
        expect(call?.type === "function" && Weather.parse(call.function.parsed_arguments)).toBeTruthy();
    });

    it("ai 7: Output.object with supportsStructuredOutputs, and a forced tool with integer input", async () => {
        const model = createOpenAICompatible({name: "tholos", baseURL: server.baseUrl, apiKey: server.apiKey, supportsStructuredOutputs: true})("stories260K");
        const {output} = await generateText({
            model, prompt: "Invent a character.", maxOutputTokens: 200, seed: 5, maxRetries: 0,
            output: Output.object({schema: Character})
        });
        expect(Character.parse(output)).toEqual(output);

        const inputs: z.infer<typeof Weather>[] = [];
        const result = await generateText({
            model, prompt: "Weather in Paris?", maxOutputTokens: 200, seed: 6, maxRetries: 0,
            tools: {get_weather: tool({inputSchema: Weather, execute: async (input) => {
                inputs.push(input);
                return "sunny";
            }})},
            toolChoice: {type: "tool", toolName: "get_weather"}
        });
        expect(result.toolCalls).toHaveLength(1);
        expect(Weather.parse(inputs[0])).toEqual(inputs[0]);
    });

    it("ai 7: tools with integer inputs the model may call (auto) are accepted", async () => {
        const model = createOpenAICompatible({name: "tholos", baseURL: server.baseUrl, apiKey: server.apiKey})("stories260K");
        const result = await generateText({
            model, prompt: "Weather in Paris?", maxOutputTokens: 16, maxRetries: 0,
            tools: {get_weather: tool({inputSchema: Weather, execute: async () => "sunny"})}
        });
        expect(["stop", "length", "tool-calls"]).toContain(result.finishReason);
    });

    it("LangChain: withStructuredOutput(zod 4 schema) gives a valid object", async () => {
        const chat = new ChatOpenAI({model: "stories260K", apiKey: server.apiKey, configuration: {baseURL: server.baseUrl}, maxRetries: 0, maxTokens: 200});
        const structured = chat.withStructuredOutput(Character, {name: "character"});
        const character = await structured.invoke("Invent a character.");
        expect(Character.parse(character)).toEqual(character);
    });
});

describe("openai 7 responses.parse with zodTextFormat (the Responses API)", () => {
    it("returns output_parsed that the zod 4 schema accepts, integers included, streamed too", async () => {
        const client = new OpenAI({baseURL: server.baseUrl, apiKey: server.apiKey, maxRetries: 0});
        const parsed = await client.responses.parse({
            model: "stories260K",
            input: "Invent a character.",
            text: {format: zodTextFormat(Character, "character")},
            max_output_tokens: 300,
            temperature: 0
        });
        expect(parsed.status).toBe("completed");
        expect(Character.safeParse(parsed.output_parsed).success).toBe(true);

        const stream = client.responses.stream({
            model: "stories260K",
            input: "Invent a character.",
            text: {format: zodTextFormat(Character, "character")},
            max_output_tokens: 300,
            seed: 3
        } as Parameters<typeof client.responses.stream>[0]);
        const final = await stream.finalResponse();
        expect(Character.safeParse(JSON.parse(final.output_text)).success).toBe(true);
    });
});
