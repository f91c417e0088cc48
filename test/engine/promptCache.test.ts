import {readdir} from "node:fs/promises";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, ResponseObject} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/**
 * The prompt cache on stories260K over real HTTP: prompts other prompts pushed out of every sequence come back from
 * RAM (reported as cached, not evaluated again, answered the same), within the byte limit, and gone with the engine.
 * What the model writes is never checked, only counts, limits and that answers repeat.
 */
const mib = 1024 * 1024;

/** A prompt of ≈ 320 tokens (well over the cache's 64-token minimum), distinct per `topic`. */
function longPrompt(topic: string) {
    const sentences = Array.from({length: 12}, (_, i) => `On day ${i + 1} the ${topic} went to the park and played with a red ball.`);
    return [{role: "user", content: `${sentences.join(" ")} Tell me what the ${topic} did next.`}];
}

type Turn = {answer: string, promptTokens: number, cachedTokens: number, evaluated: number};

async function chat(server: TestServer, messages: object[]): Promise<Turn> {
    const before = server.engine.evaluatedInputTokens;
    const {status, body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages, max_tokens: 24, temperature: 0}});
    expect(status).toBe(200);
    return {
        answer: body.choices[0]!.message.content!,
        promptTokens: body.usage.prompt_tokens,
        cachedTokens: body.usage.prompt_tokens_details!.cached_tokens!,
        evaluated: server.engine.evaluatedInputTokens - before
    };
}

/** What /dev/shm holds, where the cache once kept its states as files (nothing else of the server's goes there). */
async function sharedMemoryEntries() {
    return (await readdir("/dev/shm").catch(() => [])).sort();
}

const servers: TestServer[] = [];
async function start(options: Parameters<typeof startTestServer>[0]) {
    const server = await startTestServer(options);
    servers.push(server);
    return server;
}
afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
});

describe("prompt cache", () => {
    let uncached: TestServer;
    const uncachedAnswers = new Map<string, string>();
    beforeAll(async () => {
        uncached = await start({sequences: 1, promptCacheBytes: 0});
        for (const topic of ["cat", "dog"])
            uncachedAnswers.set(topic, (await chat(uncached, longPrompt(topic))).answer);
    });

    it("restores a prompt other prompts took the only sequence from: cached, not evaluated again, the same answer", async () => {
        const server = await start({sequences: 1, promptCacheBytes: 64 * mib});
        const first = await chat(server, longPrompt("cat"));
        expect(first.promptTokens).toBeGreaterThan(300);
        await chat(server, longPrompt("dog"));
        await chat(server, longPrompt("bird"));
        const again = await chat(server, longPrompt("cat"));
        expect(again.promptTokens).toBe(first.promptTokens);
        // All of the prompt but its last token, which is always read for its logits.
        expect(again.cachedTokens).toBe(again.promptTokens - 1);
        expect(again.evaluated).toBeLessThanOrEqual(again.promptTokens - again.cachedTokens);
        expect(first.evaluated).toBeGreaterThan(300);
        expect(again.answer).toBe(first.answer);
        expect(again.answer).toBe(uncachedAnswers.get("cat"));
        expect(server.engine.promptCache!.entries).toBeGreaterThanOrEqual(2);
    });

    it("restores with two sequences after three other prompts, and reports it in the Responses API's input_tokens_details", async () => {
        const server = await start({sequences: 2, promptCacheBytes: 64 * mib});
        const first = await chat(server, longPrompt("dog"));
        for (const topic of ["cat", "bird", "fish"]) await chat(server, longPrompt(topic));
        const before = server.engine.evaluatedInputTokens;
        const {status, body} = await callApi<ResponseObject>(server, "/responses", {
            body: {input: longPrompt("dog"), max_output_tokens: 24, temperature: 0}
        });
        expect(status).toBe(200);
        const usage = body.usage!;
        expect(usage.input_tokens).toBe(first.promptTokens);
        expect(usage.input_tokens_details.cached_tokens).toBe(usage.input_tokens - 1);
        expect(server.engine.evaluatedInputTokens - before).toBeLessThanOrEqual(1);
        const message = body.output.find((item) => item.type === "message");
        expect(message?.type === "message" && message.content[0]?.type === "output_text" ? message.content[0].text : null)
            .toBe(uncachedAnswers.get("dog"));
    });

    it("without the cache (promptCacheBytes 0) reads the prompt again, as before", async () => {
        expect(uncached.engine.promptCache).toBeNull();
        const again = await chat(uncached, longPrompt("cat"));
        expect(again.cachedTokens).toBeLessThan(20);
        expect(again.evaluated).toBeGreaterThan(again.promptTokens - 20);
        expect(again.answer).toBe(uncachedAnswers.get("cat"));
    });

    it("keeps its bytes within the limit, evicting the least recently used", async () => {
        // One state of these prompts and answers (≈ 340 tokens) takes ≈ 220 KiB on stories260K: room for two, not three.
        const limit = 600 * 1024;
        const server = await start({sequences: 1, promptCacheBytes: limit});
        const topics = ["cat", "dog", "bird", "fish", "frog"];
        for (const topic of topics) {
            await chat(server, longPrompt(topic));
            expect(server.engine.promptCache!.bytes).toBeLessThanOrEqual(limit);
        }
        // Saved so far: cat, dog, bird, fish (frog still sits in the sequence); the two oldest were evicted.
        expect(server.engine.promptCache!.entries).toBe(2);
        expect((await chat(server, longPrompt("cat"))).cachedTokens).toBeLessThan(20);
        expect((await chat(server, longPrompt("fish"))).cachedTokens).toBeGreaterThan(300);
    });

    it("keeps nothing under a limit smaller than one state", async () => {
        const server = await start({sequences: 1, promptCacheBytes: 4096});
        for (const topic of ["cat", "dog", "cat"]) await chat(server, longPrompt(topic));
        expect(server.engine.promptCache!).toMatchObject({entries: 0, bytes: 0});
        const again = await chat(server, longPrompt("dog"));
        expect(again.cachedTokens).toBeLessThan(20);
    });

    it("keeps its states in the server's memory, written to no file, and drops them with the engine", async () => {
        const before = await sharedMemoryEntries();
        const server = await start({sequences: 1, promptCacheBytes: 64 * mib});
        await chat(server, longPrompt("cat"));
        await chat(server, longPrompt("dog"));
        const stats = server.engine.promptCache!;
        expect(stats.entries).toBe(1);
        // One state of ≈ 340 tokens at ≈ 0.6 KiB a token (see the limit test)
        expect(stats.bytes).toBeGreaterThan(100 * 1024);
        expect(await sharedMemoryEntries()).toEqual(before);
        expect((await chat(server, longPrompt("cat"))).cachedTokens).toBeGreaterThan(300);
        await server.close();
        expect(server.engine.promptCache!).toMatchObject({entries: 0, bytes: 0});
    });
});
