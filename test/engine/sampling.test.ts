import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateChatCompletionStreamResponse, CreateCompletionResponse, ErrorResponse} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {streamApi} from "../support/streamApi.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {openTokenizer} from "../support/openTokenizer.js";
import {testModelPath} from "../support/testModelPath.js";

let server: TestServer;
beforeAll(async () => {
    server = await startTestServer();
});
afterAll(async () => {
    await server?.close();
});

const messages = [{role: "user", content: "Tell me a story about a cat."}];
const chat = (body: object) => callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages, ...body}});
const complete = (body: object) => callApi<CreateCompletionResponse>(server, "/completions", {body: {prompt: "Once upon a time", ...body}});
const fail = (path: string, body: object) => callApi<ErrorResponse>(server, path, {body});

/** A word the model writes greedily somewhere after its first few words, so a stop on it cuts the answer short. */
function wordInside(text: string) {
    const word = text.split(/[^A-Za-z]+/).filter((candidate) => candidate.length >= 3).at(2);
    if (word == null) throw new Error(`The greedy answer has too few words to pick a stop from: ${JSON.stringify(text)}`);
    return word;
}

/** Two words of the greedy answer with the space before them: a stop that spans tokens and spaces. */
function phraseInside(text: string) {
    const phrase = [...text.matchAll(/ [A-Za-z]{3,} [A-Za-z]{2,}/g)].at(1)?.[0];
    if (phrase == null) throw new Error(`The greedy answer has too few words to pick a stop from: ${JSON.stringify(text)}`);
    return phrase;
}

describe("max_tokens and max_completion_tokens", () => {
    it.each([1, 7, 24])("stop chat at max_tokens %i with finish_reason length", async (maxTokens) => {
        const {status, body} = await chat({max_tokens: maxTokens, temperature: 0, logit_bias: {2: -100}});
        expect(status).toBe(200);
        expect(body.choices[0]!.finish_reason).toBe("length");
        expect(body.usage.completion_tokens).toBe(maxTokens);
    });

    it("reads max_completion_tokens, which overrides max_tokens", async () => {
        const {body} = await chat({max_completion_tokens: 5, max_tokens: 50, temperature: 0, logit_bias: {2: -100}});
        expect(body.choices[0]!.finish_reason).toBe("length");
        expect(body.usage.completion_tokens).toBe(5);
    });

    it("stop completions at max_tokens with finish_reason length", async () => {
        const {body} = await complete({max_tokens: 9, temperature: 0, logit_bias: {2: -100}});
        expect(body.choices[0]!.finish_reason).toBe("length");
        expect(body.usage!.completion_tokens).toBe(9);
    });

    it("never counts more tokens than max_tokens over many sampled answers", async () => {
        for (let seed = 0; seed < 8; seed++) {
            const {body} = await chat({max_tokens: 12, seed, temperature: 1.5});
            expect(body.usage.completion_tokens).toBeLessThanOrEqual(12);
            if (body.choices[0]!.finish_reason === "length") expect(body.usage.completion_tokens).toBe(12);
        }
    });
});

describe("stop", () => {
    it("ends chat before a stop string the model writes, with finish_reason stop", async () => {
        const greedy = (await chat({max_tokens: 40, temperature: 0})).body.choices[0]!.message.content!;
        const stop = wordInside(greedy);

        const {body} = await chat({max_tokens: 40, temperature: 0, stop});
        expect(body.choices[0]!.finish_reason).toBe("stop");
        expect(body.choices[0]!.message.content).not.toContain(stop);
        expect(body.choices[0]!.message.content).toBe(greedy.slice(0, greedy.indexOf(stop)));
    });

    it("takes an array of stop strings and streams nothing of the stop text", async () => {
        const greedy = (await chat({max_tokens: 40, temperature: 0})).body.choices[0]!.message.content!;
        const stop = wordInside(greedy);

        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions",
            {messages, max_tokens: 40, temperature: 0, stop: ["qqqzzz", stop]});
        const content = stream.chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
        expect(stream.done).toBe(true);
        expect(content).toBe(greedy.slice(0, greedy.indexOf(stop)));
        expect(stream.chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
    });

    it("ends chat before a stop phrase that spans tokens and spaces", async () => {
        const greedy = (await chat({max_tokens: 40, temperature: 0})).body.choices[0]!.message.content!;
        const stop = phraseInside(greedy);
        const {body} = await chat({max_tokens: 40, temperature: 0, stop});
        expect(body.choices[0]!.finish_reason).toBe("stop");
        expect(body.choices[0]!.message.content).toBe(greedy.slice(0, greedy.indexOf(stop)));
    });

    // Regression: LlamaCompletion matched stops against tokens detokenized alone, without SentencePiece's leading
    // space, so a word stop lost the space before it and a stop of two words never matched.
    it("ends completions right before a stop word, keeping the space before it", async () => {
        const greedy = (await complete({max_tokens: 40, temperature: 0})).body.choices[0]!.text;
        const stop = wordInside(greedy);
        expect(greedy).toContain(` ${stop}`);

        const {body} = await complete({max_tokens: 40, temperature: 0, stop: [stop]});
        expect(body.choices[0]!.finish_reason).toBe("stop");
        expect(body.choices[0]!.text).toBe(greedy.slice(0, greedy.indexOf(stop)));
    });

    it("ends completions before a stop phrase that spans tokens and spaces, streamed or not", async () => {
        const greedy = (await complete({max_tokens: 40, temperature: 0})).body.choices[0]!.text;
        const stop = phraseInside(greedy);
        const expected = greedy.slice(0, greedy.indexOf(stop));

        const {body} = await complete({max_tokens: 40, temperature: 0, stop});
        expect(body.choices[0]!.finish_reason).toBe("stop");
        expect(body.choices[0]!.text).toBe(expected);

        const stream = await streamApi<CreateCompletionResponse>(server, "/completions", {prompt: "Once upon a time", max_tokens: 40, temperature: 0, stop});
        expect(stream.chunks.map((chunk) => chunk.choices[0]?.text ?? "").join("")).toBe(expected);
        expect(stream.chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
    });
});

describe("seed and temperature", () => {
    it("gives the same text for the same seed at temperature 0.9", async () => {
        const first = await chat({max_tokens: 24, seed: 1234, temperature: 0.9});
        const second = await chat({max_tokens: 24, seed: 1234, temperature: 0.9});
        expect(second.body.choices[0]!.message.content).toBe(first.body.choices[0]!.message.content);

        const seeded = {max_tokens: 24, seed: 99, temperature: 0.9};
        const completions = [await complete(seeded), await complete(seeded)];
        expect(completions[1]!.body.choices[0]!.text).toBe(completions[0]!.body.choices[0]!.text);
    });

    it("gives different texts for different seeds", async () => {
        const texts = new Set<string>();
        for (const seed of [1, 2, 3, 4])
            texts.add((await chat({max_tokens: 24, seed, temperature: 0.9})).body.choices[0]!.message.content!);
        expect(texts.size).toBeGreaterThan(1);
    });

    it("draws a fresh seed for each request without one, even for requests in the same second", async () => {
        // Regression: unseeded requests got node-llama-cpp's default, a seed from the current second, so these four
        // concurrent requests wrote the same text.
        const answers = await Promise.all([0, 1, 2, 3].map(() => chat({max_tokens: 24, temperature: 1})));
        expect(new Set(answers.map(({body}) => body.choices[0]!.message.content)).size).toBeGreaterThan(1);
        const completions = await Promise.all([0, 1, 2, 3].map(() => complete({max_tokens: 24, temperature: 1})));
        expect(new Set(completions.map(({body}) => body.choices[0]!.text)).size).toBeGreaterThan(1);
    });

    it("takes any integer seed, negative and beyond 32 bits, deterministically", async () => {
        for (const seed of [-7, 2 ** 40 + 3]) {
            const [first, second] = [await chat({max_tokens: 16, seed, temperature: 1}), await chat({max_tokens: 16, seed, temperature: 1})];
            expect(first.status).toBe(200);
            expect(second.body.choices[0]!.message.content).toBe(first.body.choices[0]!.message.content);
        }
    });

    it("samples a temperature too small to divide by as 0, also under top_p and a JSON grammar", async () => {
        // Regression (found by the fuzz test): llama.cpp divided the logits by 5.3e-42 into infinities, top_p kept no
        // candidate and the request failed with a 500 ("Failed to sample next token").
        const greedy = await chat({max_tokens: 8, temperature: 0, top_p: 0.9999999999999998, response_format: {type: "json_object"}});
        const tiny = await chat({max_tokens: 8, temperature: 5.3e-42, top_p: 0.9999999999999998, response_format: {type: "json_object"}, seed: 3});
        expect(tiny.status).toBe(200);
        expect(tiny.body.choices[0]!.message.content).toBe(greedy.body.choices[0]!.message.content);
    });

    it("is deterministic at temperature 0 whatever the seed", async () => {
        const first = await chat({max_tokens: 24, temperature: 0, seed: 1});
        const second = await chat({max_tokens: 24, temperature: 0, seed: 2});
        expect(second.body.choices[0]!.message.content).toBe(first.body.choices[0]!.message.content);
    });
});

describe("penalties, logit_bias and other fields", () => {
    it("accepts presence and frequency penalties without changing the answer's shape", async () => {
        const {status, body} = await chat({max_tokens: 10, temperature: 0, presence_penalty: 1.5, frequency_penalty: -0.5, logit_bias: {2: -100}});
        expect(status).toBe(200);
        expect(body.choices).toHaveLength(1);
        expect(body.choices[0]!.finish_reason).toBe("length");
        expect(body.usage.completion_tokens).toBe(10);
    });

    it("never samples a token logit_bias bans", async () => {
        // Every token whose text holds an "e" (byte tokens included): the model can then write no "e" at all.
        const tokenizer = await openTokenizer(await testModelPath());
        const banned = tokenizer.vocabulary.filter(({text}) => text.includes("e")).map(({token}) => token);
        await tokenizer.dispose();
        expect(banned.length).toBeGreaterThan(20);

        const unbiased = await complete({max_tokens: 30, temperature: 0, logit_bias: {2: -100}});
        expect(unbiased.body.choices[0]!.text).toContain("e");
        for (const seed of [1, 2]) {
            const logitBias = Object.fromEntries([2, ...banned].map((token) => [token, -100]));
            const {body} = await complete({max_tokens: 30, seed, temperature: 1, logit_bias: logitBias});
            expect(body.usage!.completion_tokens).toBe(30);
            expect(body.choices[0]!.text).not.toContain("e");
        }
    });

    it("refuses a logit_bias key that is no token id", async () => {
        const {status, body} = await fail("/chat/completions", {messages, max_tokens: 1, logit_bias: {999999: 5}});
        expect(status).toBe(400);
        expect(body.error.param).toBe("logit_bias");
    });

    it("refuses n above 16 with a 400 naming n", async () => {
        const {status, body} = await fail("/chat/completions", {messages, n: 17});
        expect(status).toBe(400);
        expect(body.error).toMatchObject({param: "n", type: "invalid_request_error"});
    });

    it("ignores fields it has no use for", async () => {
        const {status, body} = await chat({max_tokens: 3, foo: 1, store: false, metadata: {purpose: "test"}, user: "someone", parallel_tool_calls: true});
        expect(status).toBe(200);
        expect(body.choices).toHaveLength(1);
    });
});
