import {afterAll, beforeAll, describe, expect, it} from "vitest";
import OpenAI from "openai";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/** The official `openai` client, current major (test/clients pins it), as a user's script calls it. */
let server: TestServer;
const client = () => new OpenAI({baseURL: server.baseUrl, apiKey: server.apiKey, maxRetries: 0});

beforeAll(async () => {
    server = await startTestServer();
});
afterAll(async () => {
    await server?.close();
});

describe("the official openai client", () => {
    it("lists and retrieves the loaded model", async () => {
        const models = [];
        for await (const model of client().models.list()) models.push(model);
        expect(models.map((model) => model.id)).toEqual(["stories260K"]);
        expect((await client().models.retrieve("stories260K")).id).toBe("stories260K");
        await expect(client().models.retrieve("gpt-4o")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    });

    it("creates a chat completion", async () => {
        const completion = await client().chat.completions.create({
            model: "stories260K",
            messages: [{role: "user", content: "Say hello in one sentence."}],
            max_tokens: 10
        });
        expect(completion.object).toBe("chat.completion");
        expect(typeof completion.choices[0]?.message.content).toBe("string");
        expect(completion.usage?.completion_tokens).toBeLessThanOrEqual(10);
    });

    it("streams a chat completion", async () => {
        const stream = await client().chat.completions.create({
            model: "stories260K",
            messages: [{role: "user", content: "Say hello in one sentence."}],
            max_tokens: 10,
            stream: true,
            stream_options: {include_usage: true}
        });
        let text = "";
        let usage: OpenAI.CompletionUsage | null | undefined;
        let finishReason: string | null | undefined;
        for await (const chunk of stream) {
            text += chunk.choices[0]?.delta.content ?? "";
            finishReason ??= chunk.choices[0]?.finish_reason;
            usage ??= chunk.usage;
        }
        expect(text.length).toBeGreaterThan(0);
        expect(finishReason).toMatch(/^(stop|length)$/);
        expect(usage?.completion_tokens).toBeGreaterThan(0);
    });

    it("streams through the client's helper and gets the final completion", async () => {
        const runner = client().chat.completions.stream({
            model: "stories260K",
            messages: [{role: "user", content: "Tell me a story."}],
            max_tokens: 12,
            stream_options: {include_usage: true}
        });
        const deltas: string[] = [];
        runner.on("content", (delta) => void deltas.push(delta));
        const completion = await runner.finalChatCompletion();
        expect(completion.choices[0]!.message.content).toBe(deltas.join(""));
        expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
    });

    it("forces a tool call and reads its arguments", async () => {
        const completion = await client().chat.completions.create({
            model: "stories260K",
            messages: [{role: "user", content: "What is the weather in Paris?"}],
            tools: [{
                type: "function",
                function: {
                    name: "get_weather",
                    parameters: {type: "object", properties: {city: {type: "string", maxLength: 20}}, required: ["city"], additionalProperties: false}
                }
            }],
            tool_choice: {type: "function", function: {name: "get_weather"}},
            max_tokens: 128
        });
        const call = completion.choices[0]!.message.tool_calls?.[0];
        expect(completion.choices[0]!.finish_reason).toBe("tool_calls");
        expect(call?.type).toBe("function");
        if (call?.type !== "function") return;
        expect(call.function.name).toBe("get_weather");
        expect(Object.keys(JSON.parse(call.function.arguments))).toEqual(["city"]);
    });

    it("asks for n choices with logprobs and top_logprobs, and reads them", async () => {
        const completion = await client().chat.completions.create({
            model: "stories260K",
            messages: [{role: "user", content: "Tell me a story."}],
            max_tokens: 8, n: 2, seed: 9, temperature: 1, logprobs: true, top_logprobs: 2
        });
        expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1]);
        for (const choice of completion.choices) {
            const content = choice.logprobs?.content ?? [];
            expect(content.map((entry) => entry.token).join("")).toBe(choice.message.content);
            // At most 2: where top-k/top-p (llama.cpp's defaults 40 / 0.95) left fewer candidates, fewer are listed.
            for (const entry of content) {
                expect(entry.top_logprobs.length).toBeGreaterThanOrEqual(1);
                expect(entry.top_logprobs.length).toBeLessThanOrEqual(2);
                expect(entry.logprob).toBeLessThanOrEqual(0);
            }
        }
    });

    it("streams logprobs through the client's helper", async () => {
        const runner = client().chat.completions.stream({
            model: "stories260K", messages: [{role: "user", content: "Tell me a story."}], max_tokens: 8, temperature: 0, logprobs: true
        });
        const tokens: string[] = [];
        runner.on("logprobs.content.delta", ({content}) => void tokens.push(...content.map((entry) => entry.token)));
        const completion = await runner.finalChatCompletion();
        expect(tokens.join("")).toBe(completion.choices[0]!.message.content);
    });

    it("creates a completion", async () => {
        const completion = await client().completions.create({model: "stories260K", prompt: "Once upon a time", max_tokens: 8});
        expect(completion.object).toBe("text_completion");
        expect(completion.choices[0]!.text.length).toBeGreaterThan(0);
    });

    it("creates embeddings (the client asks for base64 by default and decodes them)", async () => {
        const response = await client().embeddings.create({model: "stories260K", input: ["a cat", "a dog"]});
        expect(response.data.map((item) => item.embedding.length)).toEqual([64, 64]);
        const norm = Math.hypot(...response.data[0]!.embedding);
        expect(norm).toBeCloseTo(1, 4);
    });

    it("surfaces a wrong key as the client's AuthenticationError", async () => {
        const wrong = new OpenAI({baseURL: server.baseUrl, apiKey: "wrong", maxRetries: 0});
        await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    });
});

describe("the official openai client's Responses API with stored state", () => {
    it("chains turns with previous_response_id, then retrieves, lists input items and deletes", async () => {
        const client = new OpenAI({baseURL: server.baseUrl, apiKey: server.apiKey, maxRetries: 0});
        const first = await client.responses.create({model: "stories260K", input: "Once upon a time", max_output_tokens: 16});
        const second = await client.responses.create({model: "stories260K", previous_response_id: first.id, input: "Then", max_output_tokens: 16});
        const third = await client.responses.create({model: "stories260K", previous_response_id: second.id, input: "At last", max_output_tokens: 16});
        expect(third.previous_response_id).toBe(second.id);
        expect(third.usage!.input_tokens).toBeGreaterThan(second.usage!.input_tokens);

        const retrieved = await client.responses.retrieve(third.id);
        expect(retrieved.output_text).toBe(third.output_text);
        const items = [];
        for await (const item of client.responses.inputItems.list(third.id)) items.push(item);
        expect(items.map((item) => item.type === "message" ? item.content[0] : null)).toEqual([{type: "input_text", text: "At last"}]);

        await client.responses.delete(first.id);
        await expect(client.responses.retrieve(first.id)).rejects.toMatchObject({status: 404, code: "response_not_found"});
    });
});
