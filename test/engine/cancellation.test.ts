import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateChatCompletionStreamResponse, CreateCompletionResponse} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {streamApi} from "../support/streamApi.js";

const sequences = 2;
let server: TestServer;
beforeAll(async () => {
    server = await startTestServer({sequences});
});
afterAll(async () => {
    await server?.close();
});

/** Long enough that no answer finishes by itself during a test: seconds of generation on this machine. */
const long = {messages: [{role: "user", content: "Tell me a long story."}], max_tokens: 2000};

/** Resolves once `condition` holds; fails after `ms`. */
async function within(ms: number, condition: () => boolean, what: string) {
    const deadline = Date.now() + ms;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms (load: ${JSON.stringify(server.engine.load)}).`);
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

const allFree = () => server.engine.load.free === sequences && server.engine.load.queued === 0;

describe("a client that goes away", () => {
    it("stops a streamed generation and frees its sequence", async () => {
        const controller = new AbortController();
        const stream = streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions", long, {
            signal: controller.signal,
            onChunk: (_chunk, index) => {
                if (index === 3) controller.abort();
            }
        });
        await expect(stream).rejects.toThrow();
        await within(1500, allFree, "freeing the sequence");
    });

    it("stops a streamed completion and frees its sequence", async () => {
        const controller = new AbortController();
        const stream = streamApi<CreateCompletionResponse>(server, "/completions", {prompt: "Once upon a time", max_tokens: 2000}, {
            signal: controller.signal,
            onChunk: (_chunk, index) => {
                if (index === 3) controller.abort();
            }
        });
        await expect(stream).rejects.toThrow();
        await within(1500, allFree, "freeing the sequence");
    });

    it("stops a non-streamed generation and frees its sequence", async () => {
        const request = callApi(server, "/chat/completions", {body: long, signal: AbortSignal.timeout(100)});
        await expect(request).rejects.toThrow();
        await within(1500, allFree, "freeing the sequence");
    });

    it("leaves the queue when it gives up waiting", async () => {
        const controllers = [new AbortController(), new AbortController()];
        const running = controllers.map((controller) => streamApi(server, "/chat/completions", long, {signal: controller.signal}).catch(() => null));
        await within(5000, () => server.engine.load.free === 0, "both sequences busy");

        const waiting = callApi(server, "/chat/completions", {body: long, signal: AbortSignal.timeout(100)});
        await expect(waiting).rejects.toThrow();
        await within(1500, () => server.engine.load.queued === 0, "leaving the queue");

        for (const controller of controllers) controller.abort();
        await Promise.all(running);
        await within(1500, allFree, "freeing both sequences");
    });

    it("serves as many concurrent requests as there are sequences afterwards", async () => {
        const answers = await Promise.all(Array.from({length: sequences}, (_, seed) =>
            callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {...long, max_tokens: 8, seed}})));
        for (const {status, body} of answers) {
            expect(status).toBe(200);
            expect(body.usage.completion_tokens).toBe(8);
        }
    });
});
