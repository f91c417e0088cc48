import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateCompletionResponse, CreateEmbeddingResponse, ErrorResponse} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {streamApi} from "../support/streamApi.js";

const contextSize = 256;
let server: TestServer;
beforeAll(async () => {
    server = await startTestServer({contextSize, sequences: 1});
});
afterAll(async () => {
    await server?.close();
});

const words = (count: number) => Array.from({length: count}, (_, i) => ["cat", "dog", "sun", "tree"][i % 4]).join(" ");

/** Token ids of ordinary text pieces in stories260K, for prompts of an exact length. */
const tokens = (count: number) => Array.from({length: count}, (_, i) => 300 + (i % 50));

/** The two token counts a context_length_exceeded message must hold. */
function countsIn(message: string) {
    return (message.match(/\d+/g) ?? []).map(Number);
}

describe("a prompt longer than the context", () => {
    it("is a 400 context_length_exceeded for chat, naming both counts", async () => {
        for (const stream of [false, true]) {
            const {status, body} = await callApi<ErrorResponse>(server, "/chat/completions",
                {body: {messages: [{role: "user", content: words(300)}], stream}});
            expect(status).toBe(400);
            expect(body.error).toMatchObject({code: "context_length_exceeded", param: "messages", type: "invalid_request_error"});
            const [limit, prompt] = countsIn(body.error.message);
            expect(limit).toBe(contextSize);
            expect(prompt).toBeGreaterThan(contextSize);
        }
    });

    it("is a 400 context_length_exceeded for completions, naming both counts", async () => {
        const {status, body} = await callApi<ErrorResponse>(server, "/completions", {body: {prompt: words(300)}});
        expect(status).toBe(400);
        expect(body.error).toMatchObject({code: "context_length_exceeded", param: "prompt"});
        const [limit, prompt] = countsIn(body.error.message);
        expect(limit).toBe(contextSize);
        expect(prompt).toBeGreaterThan(contextSize);

        const streamed = await streamApi(server, "/completions", {prompt: tokens(contextSize)});
        expect(streamed.status).toBe(400);
        expect(streamed.error!.error.code).toBe("context_length_exceeded");
    });

    it("is a 400 context_length_exceeded for embeddings, even one token short of the context (BOS counts)", async () => {
        // Regression: node-llama-cpp adds BOS and refused the input with a plain Error, which became a 500.
        const refused = await callApi<ErrorResponse>(server, "/embeddings", {body: {input: tokens(contextSize - 1)}});
        expect(refused.status).toBe(400);
        expect(refused.body.error).toMatchObject({code: "context_length_exceeded", param: "input"});

        const fits = await callApi<CreateEmbeddingResponse>(server, "/embeddings", {body: {input: tokens(contextSize - 2)}});
        expect(fits.status).toBe(200);
        expect(fits.body.usage.prompt_tokens).toBe(contextSize - 1);
    });
});

describe("a prompt that nearly fills the context", () => {
    // Regression: LlamaCompletion silently cut the start off prompts in the last tenth of the context.
    it("is evaluated whole by completions, which then stop at the context's end", async () => {
        const before = server.engine.evaluatedInputTokens;
        const {status, body} = await callApi<CreateCompletionResponse>(server, "/completions", {body: {prompt: tokens(240), max_tokens: 100}});
        expect(status).toBe(200);
        expect(body.usage!.prompt_tokens).toBe(241);
        // BOS may be reused from the sequence's previous request; the last prompt token counts as output.
        expect(server.engine.evaluatedInputTokens - before).toBeGreaterThanOrEqual(241 - 2);
        expect(body.choices[0]!.finish_reason).toBe("length");
        expect(body.usage!.completion_tokens).toBe(contextSize - 241);
    });

    // Regression: LlamaChat dropped earlier messages of a prompt one token short of the context, silently.
    it("is evaluated whole by chat, or refused when it leaves no room for an answer", async () => {
        const seen = new Map<number, number>();
        for (const ending of ["", ".", "!", " a", "s", "?!", " be"]) {
            const messages = [
                {role: "system", content: "sys"},
                {role: "user", content: "first"},
                {role: "assistant", content: "answer one"},
                {role: "user", content: words(86) + ending}
            ];
            const before = server.engine.evaluatedInputTokens;
            const {status, body} = await callApi<CreateChatCompletionResponse & ErrorResponse>(server, "/chat/completions", {body: {messages, max_tokens: 5}});
            if (status === 200) {
                const prompt = body.usage.prompt_tokens;
                seen.set(prompt, status);
                expect(prompt).toBeLessThanOrEqual(contextSize - 2);
                expect(server.engine.evaluatedInputTokens - before).toBeGreaterThanOrEqual(prompt - 2);
                expect(body.usage.completion_tokens).toBeLessThanOrEqual(contextSize - 1 - prompt);
            } else {
                expect(status).toBe(400);
                expect(body.error.code).toBe("context_length_exceeded");
                seen.set(countsIn(body.error.message)[1]!, status);
            }
        }
        // The endings were chosen so that the prompt takes exactly contextSize - 1 tokens at least once.
        expect(seen.get(contextSize - 1)).toBe(400);
        expect(seen.get(contextSize - 2)).toBe(200);
    });
});
