import {getLlama, type Llama, type Token} from "node-llama-cpp";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateChatCompletionStreamResponse, CreateCompletionResponse, ErrorResponse} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {streamApi} from "../support/streamApi.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {testModelPath} from "../support/testModelPath.js";

/** `logprobs`: chat and completions, whole and streamed, checked against the model's distribution computed here. */
let server: TestServer;
let llama: Llama;
beforeAll(async () => {
    server = await startTestServer();
    llama = await getLlama({gpu: false, build: "never", progressLogs: false});
});
afterAll(async () => {
    await server?.close();
    await llama?.dispose();
});

const messages = [{role: "user", content: "Tell me a story about a cat."}];
const chat = (body: object) => callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages, ...body}});
const complete = (body: object) => callApi<CreateCompletionResponse>(server, "/completions", {body: {prompt: "Once upon a time", ...body}});

describe("logprobs", () => {
    it("completions: the first token's log-probabilities are the model's own distribution after the prompt (temperature 0)", async () => {
        const {body} = await complete({max_tokens: 4, temperature: 0, logprobs: 5});
        const logprobs = body.choices[0]!.logprobs!;

        // The same distribution, straight from node-llama-cpp: BOS + the prompt, then the first step's probabilities.
        const model = await llama.loadModel({modelPath: await testModelPath()});
        // A context shaped like the server's (the numerics of a decode depend on threads, flash attention and size).
        const context = await model.createContext({
            contextSize: server.engine.info.contextLength,
            sequences: server.engine.load.sequences,
            threads: server.engine.threads,
            flashAttention: false
        });
        const prompt = [model.tokens.bos!, ...model.tokenize("Once upon a time")] as Token[];
        const iterator = context.getSequence().evaluateWithMetadata(prompt, {probabilities: true}, {temperature: 0});
        const {value} = await iterator.next();
        await iterator.return();
        const expected = [...value!.probabilities.entries()].slice(0, 5);

        expect(logprobs.token_logprobs[0]).toBeCloseTo(Math.log(value!.probabilities.get(value!.token)!), 6);
        expect(Object.values(logprobs.top_logprobs[0]!)).toEqual(expected.map(([, probability]) => expect.closeTo(Math.log(probability), 6)));
        expect(Object.keys(logprobs.top_logprobs[0]!)[0]).toBe(model.detokenize([expected[0]![0]]));
        expect(logprobs.tokens.join("")).toBe(body.choices[0]!.text);
        expect(logprobs.text_offset[0]).toBe(0);
        for (let index = 1; index < logprobs.tokens.length; index++)
            expect(logprobs.text_offset[index]).toBe(logprobs.text_offset[index - 1]! + logprobs.tokens[index - 1]!.length);
        await context.dispose();
        await model.dispose();
    });

    it("chat: one entry per content token, each with its top alternatives, most likely first; greedy picks the first", async () => {
        const {body} = await chat({max_tokens: 12, temperature: 0, logprobs: true, top_logprobs: 3});
        const content = body.choices[0]!.logprobs!.content!;
        expect(content.map((entry) => entry.token).join("")).toBe(body.choices[0]!.message.content);
        expect(content.length).toBe(body.usage.completion_tokens);
        for (const entry of content) {
            expect(entry.logprob).toBeLessThanOrEqual(0);
            expect(entry.bytes).toEqual([...Buffer.from(entry.token, "utf8")]);
            expect(entry.top_logprobs).toHaveLength(3);
            const values = entry.top_logprobs.map((alternative) => alternative.logprob);
            expect([...values].sort((a, b) => b - a)).toEqual(values);
            expect(entry.top_logprobs[0]!.logprob).toBeCloseTo(entry.logprob, 9);
        }
    });

    it("is null without logprobs, and without top_logprobs lists no alternatives", async () => {
        expect((await chat({max_tokens: 4})).body.choices[0]!.logprobs).toBeNull();
        expect((await complete({max_tokens: 4})).body.choices[0]!.logprobs).toBeNull();
        const {body} = await chat({max_tokens: 4, logprobs: true});
        expect(body.choices[0]!.logprobs!.content!.every((entry) => entry.top_logprobs.length === 0)).toBe(true);
    });

    it("streams each chunk's tokens with its text; together they are the whole answer's", async () => {
        const request = {max_tokens: 16, temperature: 0, logprobs: true, top_logprobs: 2};
        const whole = (await chat(request)).body.choices[0]!.logprobs!.content!;
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions", {messages, ...request});
        const streamed = stream.chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => {
            const tokens = choice.logprobs?.content ?? [];
            expect(tokens.map((entry) => entry.token).join("")).toBe(choice.delta.content ?? "");
            return tokens;
        }));
        // The same tokens and, within float noise (another sequence, another batch), the same values.
        expect(streamed.map((entry) => entry.token)).toEqual(whole.map((entry) => entry.token));
        expect(streamed.map((entry) => entry.logprob)).toEqual(whole.map((entry) => expect.closeTo(entry.logprob, 4)));

        const completion = await complete({max_tokens: 16, temperature: 0, logprobs: 1});
        const events = await streamApi<CreateCompletionResponse>(server, "/completions", {prompt: "Once upon a time", max_tokens: 16, temperature: 0, logprobs: 1});
        expect(events.chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.logprobs?.tokens ?? [])))
            .toEqual(completion.body.choices[0]!.logprobs!.tokens);
    });

    it("a stop sequence's withheld tokens carry none: every token starts inside the text returned", async () => {
        const greedy = (await complete({max_tokens: 40, temperature: 0})).body.choices[0]!.text;
        const stop = greedy.split(" ").filter((word) => word.length >= 3)[3]!;
        const {body} = await complete({max_tokens: 40, temperature: 0, stop: [stop], logprobs: 0, echo: true});
        const choice = body.choices[0]!;
        const {tokens, text_offset: offsets} = choice.logprobs!;
        expect(choice.text).not.toContain(stop);
        expect(offsets[0]).toBe("Once upon a time".length);
        // A token holding the answer's end and the stop text's start is the answer's (its text shows whole); a token of
        // stop text only is not listed.
        expect(offsets.every((offset) => offset < choice.text.length)).toBe(true);
        expect(("Once upon a time" + tokens.join("")).startsWith(choice.text)).toBe(true);
        expect(tokens.length).toBeLessThan((await complete({max_tokens: 40, temperature: 0, logprobs: 0})).body.choices[0]!.logprobs!.tokens.length);
    });

    it("refuses top_logprobs without logprobs, and out of range", async () => {
        const missing = await callApi<ErrorResponse>(server, "/chat/completions", {body: {messages, top_logprobs: 2}});
        expect(missing.status).toBe(400);
        expect(missing.body.error.param).toBe("top_logprobs");
        const tooMany = await callApi<ErrorResponse>(server, "/chat/completions", {body: {messages, logprobs: true, top_logprobs: 21}});
        expect(tooMany.status).toBe(400);
        expect(tooMany.body.error.param).toBe("top_logprobs");
    });
});
