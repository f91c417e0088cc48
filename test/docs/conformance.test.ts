import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {
    CreateChatCompletionResponse,
    CreateChatCompletionStreamResponse,
    CreateCompletionResponse,
    CreateEmbeddingResponse,
    ErrorResponse,
    Model,
    ModelList
} from "../../contract/index.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {validateAgainstOpenAi} from "../support/openAiSchemaValidator.js";
import {readEventStream} from "../server/readEventStream.js";

/**
 * The server's real answers against OpenAI's official schema (`../shared/openai/openapi.json`), and the
 * "Differences from OpenAI" the reference states, each checked here so the page can't claim what isn't so.
 */
let server: TestServer;
const send = (path: string, body?: unknown, key?: string) => fetch(server.baseUrl + path, {
    method: body === undefined ? "GET" : "POST",
    headers: {authorization: `Bearer ${key ?? server.apiKey}`, ...(body === undefined ? {} : {"content-type": "application/json"})},
    body: body === undefined ? undefined : JSON.stringify(body)
});
/** The body, after checking the status; typed as the contract's answer `T`, which each test then validates against OpenAI's. */
const json = async <T>(response: Response, status = 200): Promise<T> => {
    const body: unknown = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(status);
    return body as T;
};
const messages = [{role: "user", content: "Once upon a time"}];

beforeAll(async () => {
    server = await startTestServer();
});
afterAll(async () => {
    await server?.close();
});

describe("real answers validate against OpenAI's official schema", () => {
    it("models: the list and one model (with the `meta` extension OpenAI clients ignore)", async () => {
        const list = await json<ModelList>(await send("/models"));
        validateAgainstOpenAi("ListModelsResponse", list);
        const model = await json<Model>(await send(`/models/${list.data[0]!.id}`));
        validateAgainstOpenAi("Model", model);
        expect(model).toMatchObject({owned_by: "local", meta: {backend: "cpu", chat_template: expect.any(String)}});
    });

    it("a chat completion, with choices[].logprobs null and the backend's fingerprint", async () => {
        const body = await json<CreateChatCompletionResponse>(await send("/chat/completions", {messages, max_tokens: 8, store: false, metadata: {run: "conformance"}}));
        validateAgainstOpenAi("CreateChatCompletionResponse", body);
        expect(body.choices[0]!.logprobs).toBeNull();
        expect(body.system_fingerprint).toBe("fp_tholos_cpu");
    });

    it("a chat completion with a forced tool call", async () => {
        const body = await json<CreateChatCompletionResponse>(await send("/chat/completions", {
            messages,
            // Room for the whole call: a tiny model's argument is bounded by maxLength (the grammar enforces it).
            max_tokens: 200,
            tools: [{type: "function", function: {name: "get_weather", parameters: {type: "object", properties: {city: {type: "string", maxLength: 12}}, required: ["city"]}}}],
            tool_choice: {type: "function", function: {name: "get_weather"}}
        }));
        validateAgainstOpenAi("CreateChatCompletionResponse", body);
        expect(body.choices[0]!.finish_reason).toBe("tool_calls");
        expect(body.choices[0]!.message.tool_calls).toHaveLength(1);
    });

    it("every chunk of a streamed chat completion, usage chunk included", async () => {
        const events = await readEventStream(await send("/chat/completions", {messages, max_tokens: 8, stream: true, stream_options: {include_usage: true}}));
        expect(events.at(-1)).toBe("[DONE]");
        const chunks = events.slice(0, -1) as CreateChatCompletionStreamResponse[];
        for (const chunk of chunks) validateAgainstOpenAi("CreateChatCompletionStreamResponse", chunk);
        expect(chunks.at(-1)).toMatchObject({choices: [], usage: {completion_tokens: expect.any(Number)}});
    });

    it("a completion, and every event of a streamed one", async () => {
        validateAgainstOpenAi("CreateCompletionResponse", await json<CreateCompletionResponse>(await send("/completions", {prompt: "Once upon a time", max_tokens: 8})));
        const events = await readEventStream(await send("/completions", {prompt: "Once upon a time", max_tokens: 8, stream: true, stream_options: {include_usage: true}}));
        expect(events.at(-1)).toBe("[DONE]");
        const chunks = events.slice(0, -1) as CreateCompletionResponse[];
        expect(chunks.length).toBeGreaterThanOrEqual(2);
        for (const chunk of chunks) validateAgainstOpenAi("CreateCompletionResponse", chunk);
        expect(chunks.at(-1)!.usage!.completion_tokens).toBeGreaterThan(0);
    });

    it("embeddings as floats and as base64 of the same little-endian float32s", async () => {
        const input = ["The cat sat.", "A dog ran."];
        const floats = await json<CreateEmbeddingResponse>(await send("/embeddings", {input}));
        validateAgainstOpenAi("CreateEmbeddingResponse", floats);
        const base64 = await json<CreateEmbeddingResponse>(await send("/embeddings", {input, encoding_format: "base64"}));
        validateAgainstOpenAi("CreateEmbeddingResponse", base64);
        for (const [index, item] of base64.data.entries()) {
            const bytes = Buffer.from(item.embedding as string, "base64");
            const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
            expect(decoded).toEqual((floats.data[index]!.embedding as number[]).map((value) => Math.fround(value)));
        }
    });

    it("errors: 400, 401, 404 (route and model)", async () => {
        const cases: [Response, number, string][] = [
            [await send("/chat/completions", {messages, temperature: 5}), 400, "invalid_value"],
            [await send("/models", undefined, "wrong-key"), 401, "invalid_api_key"],
            [await send("/assistants"), 404, "not_found"],
            [await send("/models/gpt-4o"), 404, "model_not_found"]
        ];
        for (const [response, status, code] of cases) {
            const body = await json<ErrorResponse>(response, status);
            validateAgainstOpenAi("ErrorResponse", body);
            expect(body.error.code).toBe(code);
        }
    });
});

describe("the differences the reference states", () => {
    const expectUnsupported = async (path: string, body: unknown, param: string) => {
        const error = await json<ErrorResponse>(await send(path, body), 400);
        validateAgainstOpenAi("ErrorResponse", error);
        expect(error.error).toMatchObject({code: "unsupported_parameter", param});
    };

    it("best_of only as n; no fill-in-the-middle", async () => {
        await expectUnsupported("/completions", {prompt: "Hi", best_of: 2}, "best_of");
        await expectUnsupported("/completions", {prompt: "Hi", suffix: "end"}, "suffix");
    });

    it("text only; the deprecated functions API points to tools", async () => {
        await expectUnsupported("/chat/completions", {
            messages: [{role: "user", content: [{type: "image_url", image_url: {url: "data:image/png;base64,AAAA"}}]}]
        }, "messages[0].content[0].type");
        await expectUnsupported("/chat/completions", {messages, modalities: ["text", "audio"]}, "modalities");
        await expectUnsupported("/chat/completions", {messages, functions: [{name: "f", parameters: {}}]}, "functions");
    });

    it("embeddings keep the model's own size", async () => {
        await expectUnsupported("/embeddings", {input: "Hi", dimensions: 8}, "dimensions");
    });

    it("unknown fields and store/metadata/user are accepted and ignored", async () => {
        await json(await send("/chat/completions", {messages, max_tokens: 2, user: "u1", store: true, metadata: {a: "b"}, reasoning_effort: "low", some_future_field: 1}));
    });

    it("other OpenAI endpoints don't exist", async () => {
        for (const path of ["/images/generations", "/audio/speech", "/moderations", "/files"]) {
            const error = await json<ErrorResponse>(await send(path, {}), 404);
            expect(error.error.code).toBe("not_found");
        }
    });
});
