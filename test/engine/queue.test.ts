import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateChatCompletionStreamResponse, ErrorResponse} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {streamApi} from "../support/streamApi.js";
import {callAnthropic} from "../support/anthropicApi.js";

let server: TestServer;
beforeAll(async () => {
    server = await startTestServer({sequences: 2, maxQueue: 1});
});
afterAll(async () => {
    await server?.close();
});

const body = {messages: [{role: "user", content: "Tell me a long story."}], max_tokens: 300};

async function until(condition: () => boolean, what: string) {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}.`);
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

describe("a full pool and queue", () => {
    it("answers 429 queue_full with Retry-After once sequences and queue are taken, and serves the others", async () => {
        const running = [1, 2].map((seed) => streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions", {...body, seed}));
        await until(() => server.engine.load.free === 0, "both sequences are busy");
        const queued = streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions", {...body, seed: 3});
        await until(() => server.engine.load.queued === 1, "a request waits");

        for (const stream of [true, false]) {
            const refused = await callApi<ErrorResponse>(server, "/chat/completions", {body: {...body, stream}});
            expect(refused.status).toBe(429);
            expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
            expect(refused.body.error).toMatchObject({code: "queue_full", type: "rate_limit_error", param: null});
        }
        // Anthropic's routes say it their way: 429 rate_limit_error, which its SDKs retry after Retry-After
        const anthropic = await callAnthropic(server, "/messages", {messages: body.messages, max_tokens: 8});
        expect(anthropic.status).toBe(429);
        expect(Number(anthropic.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(anthropic.body).toMatchObject({type: "error", error: {type: "rate_limit_error"}});

        for (const result of await Promise.all([...running, queued])) {
            expect(result.status).toBe(200);
            expect(result.done).toBe(true);
            expect(result.error).toBeNull();
            expect(result.chunks.at(-1)!.choices[0]!.finish_reason).toBe("length");
        }
        expect(server.engine.load).toEqual({sequences: 2, free: 2, queued: 0});

        const after = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {...body, max_tokens: 2}});
        expect(after.status).toBe(200);
    });
});
