import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateChatCompletionStreamResponse, CreateCompletionResponse} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {streamApi} from "../support/streamApi.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/** `n` > 1: the choices generate at once on separate sequences, whole and streamed, chat and completions. */
let server: TestServer;
beforeAll(async () => {
    server = await startTestServer({sequences: 4});
});
afterAll(async () => {
    await server?.close();
});

const messages = [{role: "user", content: "Tell me a story about a cat."}];
const chat = (body: object) => callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages, ...body}});

describe("n choices", () => {
    it("chat: n choices with indexes 0…n−1, usage counting the prompt once and every choice's tokens", async () => {
        const {status, body} = await chat({n: 3, max_tokens: 10, temperature: 1, seed: 11, logit_bias: {2: -100}});
        expect(status).toBe(200);
        expect(body.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
        expect(body.choices.every((choice) => choice.finish_reason === "length")).toBe(true);
        const single = await chat({max_tokens: 10, temperature: 1, seed: 11, logit_bias: {2: -100}});
        expect(body.usage.prompt_tokens).toBe(single.body.usage.prompt_tokens);
        expect(body.usage.completion_tokens).toBe(30);
    });

    it("with a seed, choice i is the answer a single request with seed + i gives; the same request gives the same choices", async () => {
        const sampling = {max_tokens: 12, temperature: 1, seed: 40};
        const {body} = await chat({...sampling, n: 3});
        const texts = body.choices.map((choice) => choice.message.content);
        for (const [index, text] of texts.entries())
            expect((await chat({...sampling, seed: 40 + index})).body.choices[0]!.message.content).toBe(text);
        expect((await chat({...sampling, n: 3})).body.choices.map((choice) => choice.message.content)).toEqual(texts);
        expect(new Set(texts).size).toBeGreaterThan(1);
    });

    it("without a seed, the choices differ", async () => {
        const {body} = await chat({n: 4, max_tokens: 24, temperature: 1});
        expect(new Set(body.choices.map((choice) => choice.message.content)).size).toBeGreaterThan(1);
    });

    it("streams every choice's deltas under its index, each ending with its finish_reason", async () => {
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions",
            {messages, n: 2, max_tokens: 8, seed: 3, temperature: 1, stream_options: {include_usage: true}});
        expect(stream.done).toBe(true);
        const texts = ["", ""];
        const finishes: (string | null)[] = [null, null];
        for (const chunk of stream.chunks)
            for (const choice of chunk.choices) {
                texts[choice.index] += choice.delta.content ?? "";
                if (choice.finish_reason != null) finishes[choice.index] = choice.finish_reason;
            }
        const whole = await chat({n: 2, max_tokens: 8, seed: 3, temperature: 1});
        expect(texts).toEqual(whole.body.choices.map((choice) => choice.message.content));
        expect(finishes.every((finish) => finish === "stop" || finish === "length")).toBe(true);
        expect(stream.chunks.at(-1)!.usage?.completion_tokens).toBe(whole.body.usage.completion_tokens);
    });

    it("completions: prompt p's choice k is at index p × n + k", async () => {
        const {status, body} = await callApi<CreateCompletionResponse>(server, "/completions",
            {body: {prompt: ["Once upon a time", "The cat"], n: 2, max_tokens: 6, seed: 5}});
        expect(status).toBe(200);
        expect(body.choices.map((choice) => choice.index)).toEqual([0, 1, 2, 3]);
        const second = await callApi<CreateCompletionResponse>(server, "/completions", {body: {prompt: "The cat", max_tokens: 6, seed: 6}});
        expect(body.choices[3]!.text).toBe(second.body.choices[0]!.text);
    });

    it("a long prompt is read once for all choices: the others load its state", async () => {
        const long = [{role: "user", content: Array.from({length: 12}, (_, index) => `The cat number ${index} sat on a mat.`).join(" ")}];
        const single = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages: long, max_tokens: 1, seed: 1}});
        const promptTokens = single.body.usage.prompt_tokens;
        expect(promptTokens).toBeGreaterThan(100);

        // Other prompts first, so no sequence holds this one.
        await chat({n: 4, max_tokens: 2});
        const before = server.engine.evaluatedInputTokens;
        const {status, body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions",
            {body: {messages: long, n: 4, max_tokens: 6, seed: 21, temperature: 1}});
        expect(status).toBe(200);
        expect(body.choices).toHaveLength(4);
        const evaluated = server.engine.evaluatedInputTokens - before;
        // Read once (all but its last token), then each choice evaluates that last token itself: far from 4 × the prompt.
        expect(evaluated).toBeLessThan(promptTokens + 8);
        const again = await callApi<CreateChatCompletionResponse>(server, "/chat/completions",
            {body: {messages: long, n: 4, max_tokens: 6, seed: 21, temperature: 1}});
        expect(again.body.choices.map((choice) => choice.message.content)).toEqual(body.choices.map((choice) => choice.message.content));
    });

    it("more choices than sequences wait for one another and all finish; the pool is whole afterwards", async () => {
        const {status, body} = await chat({n: 8, max_tokens: 4});
        expect(status).toBe(200);
        expect(body.choices).toHaveLength(8);
        expect(server.engine.load).toMatchObject({free: 4, queued: 0});
    });
});
