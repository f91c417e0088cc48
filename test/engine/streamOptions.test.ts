import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionStreamResponse, CreateCompletionResponse} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {streamApi} from "../support/streamApi.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

let server: TestServer;
beforeAll(async () => {
    server = await startTestServer();
});
afterAll(async () => {
    await server?.close();
});

const chatBody = {messages: [{role: "user", content: "Tell me a story."}], max_tokens: 12, temperature: 0};
const completionBody = {prompt: "Once upon a time", max_tokens: 12, temperature: 0};

describe("stream_options.include_usage", () => {
    it("ends a chat stream with a chunk of empty choices and the usage; every other chunk has usage null", async () => {
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions", {...chatBody, stream_options: {include_usage: true}});
        expect(stream.done).toBe(true);
        const last = stream.chunks.at(-1)!;
        expect(last.choices).toEqual([]);
        expect(last.usage).toMatchObject({completion_tokens: 12});
        expect(last.usage!.total_tokens).toBe(last.usage!.prompt_tokens + 12);
        for (const chunk of stream.chunks.slice(0, -1)) {
            expect(chunk).toHaveProperty("usage", null);
            expect(chunk.choices).toHaveLength(1);
        }
        expect(stream.chunks.at(-2)!.choices[0]!.finish_reason).toBe("length");

        const plain = await callApi<{usage: unknown}>(server, "/chat/completions", {body: chatBody});
        // The counts match; how much of the prompt the second request found cached needn't
        expect(withoutDetails(last.usage)).toEqual(withoutDetails(plain.body.usage));
    });

    it("sends no usage in chat chunks unless asked", async () => {
        for (const options of [undefined, {include_usage: false}]) {
            const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions", {...chatBody, stream_options: options});
            expect(stream.done).toBe(true);
            for (const chunk of stream.chunks) {
                expect(chunk.usage ?? null).toBeNull();
                expect(chunk.choices).toHaveLength(1);
            }
        }
    });

    it("ends a completion stream with a usage event too", async () => {
        const stream = await streamApi<CreateCompletionResponse>(server, "/completions", {...completionBody, stream_options: {include_usage: true}});
        expect(stream.done).toBe(true);
        const last = stream.chunks.at(-1)!;
        expect(last.choices).toEqual([]);
        expect(last.usage).toMatchObject({completion_tokens: 12});
        for (const chunk of stream.chunks.slice(0, -1)) expect(chunk).toHaveProperty("usage", null);

        const plain = await callApi<CreateCompletionResponse>(server, "/completions", {body: completionBody});
        // The counts match; how much of the prompt the second request found cached needn't
        expect(withoutDetails(last.usage)).toEqual(withoutDetails(plain.body.usage));
    });
});

function withoutDetails(usage: unknown) {
    const {prompt_tokens_details: _, ...counts} = (usage ?? {}) as {prompt_tokens_details?: unknown};
    return counts;
}
