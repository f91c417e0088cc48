import net from "node:net";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {validateAgainstOpenAi} from "../support/openAiSchemaValidator.js";
import type {
    CreateChatCompletionResponse,
    CreateChatCompletionStreamResponse,
    ErrorResponse,
    Model,
    ModelList
} from "../../contract/index.js";
import {readEventStream} from "./readEventStream.js";

let server: TestServer;
const post = (path: string, body: unknown) => fetch(server.baseUrl + path, {
    method: "POST",
    headers: {authorization: `Bearer ${server.apiKey}`, "content-type": "application/json"},
    body: JSON.stringify(body)
});
const get = (path: string) => fetch(server.baseUrl + path, {headers: {authorization: `Bearer ${server.apiKey}`}});

beforeAll(async () => {
    server = await startTestServer();
});
afterAll(async () => {
    await server?.close();
});

describe("models", () => {
    it("lists the loaded model", async () => {
        const response = await get("/models");
        expect(response.status).toBe(200);
        const body = await response.json() as ModelList;
        validateAgainstOpenAi("ListModelsResponse", body);
        expect(body.data).toHaveLength(1);
        expect(body.data[0]).toMatchObject({id: "stories260K", object: "model", owned_by: "local", meta: {backend: "cpu"}});
    });

    it("retrieves the loaded model by id", async () => {
        const response = await get("/models/stories260K");
        expect(response.status).toBe(200);
        const body = await response.json() as Model;
        validateAgainstOpenAi("Model", body);
        expect(body.id).toBe("stories260K");
    });

    it("answers another id with 404 model_not_found naming the loaded model", async () => {
        const response = await get("/models/gpt-4o");
        expect(response.status).toBe(404);
        const body = await response.json() as ErrorResponse;
        validateAgainstOpenAi("ErrorResponse", body);
        expect(body.error).toMatchObject({code: "model_not_found", param: "model"});
        expect(body.error.message).toContain("stories260K");
    });
});

describe("chat completions", () => {
    const messages = [{role: "system", content: "You tell stories."}, {role: "user", content: "Once upon a time"}];

    it("answers without streaming, model omitted", async () => {
        const response = await post("/chat/completions", {messages, max_tokens: 16, seed: 7});
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toMatch(/^application\/json/);
        const body = await response.json() as CreateChatCompletionResponse;
        validateAgainstOpenAi("CreateChatCompletionResponse", body);
        expect(body.object).toBe("chat.completion");
        expect(body.model).toBe("stories260K");
        expect(body.choices).toHaveLength(1);
        expect(body.choices[0]!.message.role).toBe("assistant");
        expect(typeof body.choices[0]!.message.content).toBe("string");
        expect(["stop", "length"]).toContain(body.choices[0]!.finish_reason);
        expect(body.usage.completion_tokens).toBeGreaterThan(0);
        expect(body.usage.completion_tokens).toBeLessThanOrEqual(16);
        expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    });

    it("accepts the loaded model's id and refuses another with 404 model_not_found", async () => {
        expect((await post("/chat/completions", {model: "stories260K", messages, max_tokens: 2})).status).toBe(200);

        const response = await post("/chat/completions", {model: "llama-3-70b", messages, max_tokens: 2});
        expect(response.status).toBe(404);
        const body = await response.json() as ErrorResponse;
        validateAgainstOpenAi("ErrorResponse", body);
        expect(body.error.code).toBe("model_not_found");
        expect(body.error.message).toContain('"stories260K"');
    });

    it("streams chat.completion.chunk events that end with data: [DONE]", async () => {
        const response = await post("/chat/completions", {messages, max_tokens: 12, stream: true});
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
        const events = await readEventStream(response);
        expect(events.at(-1)).toBe("[DONE]");
        const chunks = events.slice(0, -1) as CreateChatCompletionStreamResponse[];
        expect(chunks.length).toBeGreaterThanOrEqual(3);
        for (const chunk of chunks) {
            validateAgainstOpenAi("CreateChatCompletionStreamResponse", chunk);
            expect(chunk.id).toBe(chunks[0]!.id);
            expect(chunk).not.toHaveProperty("usage");
        }
        expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
        expect(chunks.at(-1)!.choices[0]!.finish_reason).toMatch(/^(stop|length)$/);
        expect(chunks.slice(0, -1).every((chunk) => chunk.choices[0]!.finish_reason === null)).toBe(true);
    });
});

describe("event streams", () => {
    // Node holds a response's head until its first body write; for a completion that is the first token, so the
    // client parsed the headers on its time-to-first-token path (docs/performance.md).
    it("sends the status and headers while the prompt is read, before the first token", async () => {
        const origin = new URL(server.origin);
        // ≈ 1,000 prompt tokens: reading them takes far longer than writing the head.
        const body = JSON.stringify({prompt: "Once upon a time there was a girl. ".repeat(110), max_tokens: 2, stream: true});
        const socket = net.connect(Number(origin.port), origin.hostname);
        const firstChunk = await new Promise<string>((resolve, reject) => {
            socket.once("data", (chunk) => resolve(chunk.toString("utf8")));
            socket.once("error", reject);
            socket.write(`POST /v1/completions HTTP/1.1\r\nHost: ${origin.host}\r\nAuthorization: Bearer ${server.apiKey}\r\n` +
                `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        });
        socket.destroy();
        expect(firstChunk).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
        expect(firstChunk.toLowerCase()).toContain("content-type: text/event-stream");
        expect(firstChunk).not.toContain("data:");
    });
});

describe("many requests at once", () => {
    // Each open request listens for the server stopping until its response closes; Node's 10-listener leak warning
    // must not fire for an ordinary burst (and did, before the stop signal allowed any number of listeners).
    it("serves a burst of 40 without Node's listener-leak warning", async () => {
        const warnings: Error[] = [];
        const onWarning = (warning: Error) => warnings.push(warning);
        process.on("warning", onWarning);
        try {
            const statuses = await Promise.all(Array.from({length: 40}, async (_, index) => {
                const response = await post("/completions", {prompt: `Story ${index}`, max_tokens: 1, stream: index % 2 === 0});
                await response.text();
                return response.status;
            }));
            // Two sequences and a queue of 32: most are served, the rest refused with 429 queue_full.
            expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
            expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(20);
        } finally {
            process.off("warning", onWarning);
        }
        expect(warnings.map((warning) => warning.name)).not.toContain("MaxListenersExceededWarning");
    });
});
