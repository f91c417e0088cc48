import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateChatCompletionStreamResponse, CreateCompletionResponse} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {openTokenizer, type TestTokenizer} from "../support/openTokenizer.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {streamApi} from "../support/streamApi.js";
import {testModelPath} from "../support/testModelPath.js";

let server: TestServer;
let tokenizer: TestTokenizer;
beforeAll(async () => {
    server = await startTestServer();
    tokenizer = await openTokenizer(await testModelPath());
});
afterAll(async () => {
    await tokenizer?.dispose();
    await server?.close();
});

const messages = [{role: "user", content: "Tell me a story about a cat."}];
const chat = (body: object) => callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages, ...body}});
const complete = (body: object) => callApi<CreateCompletionResponse>(server, "/completions", {body: {prompt: "Once upon a time", ...body}});

/** stories260K's byte token `<0xE2>`: the lead byte of a 3-byte UTF-8 character, never text on its own. */
const leadByteToken = 3 + 0xe2;

/** stories260K's end-of-text token. */
const endOfText = 2;

describe("prompt_tokens", () => {
    it.each(["Once upon a time", "  two leading spaces", "Café ☕ naïve", "a line\nand another"])(
        "counts BOS and the tokens the model's tokenizer makes of the completion prompt %j", async (prompt) => {
            const {body} = await complete({prompt, max_tokens: 1});
            expect(tokenizer.model.tokens.bos).toBe(1);
            expect(body.usage!.prompt_tokens).toBe(1 + tokenizer.model.tokenize(prompt).length);
            expect(body.usage!.total_tokens).toBe(body.usage!.prompt_tokens + body.usage!.completion_tokens);
        });

    it("counts BOS and the given tokens for a token prompt", async () => {
        const {body} = await complete({prompt: [403, 407, 261, 378, 300], max_tokens: 1});
        expect(body.usage!.prompt_tokens).toBe(6);
    });

    it("counts exactly the tokens the chat prompt has evaluated", async () => {
        // A server of its own, so the prompt meets an empty sequence and is evaluated whole.
        const fresh = await startTestServer({sequences: 1});
        try {
            const before = fresh.engine.evaluatedInputTokens;
            const {body} = await callApi<CreateChatCompletionResponse>(fresh, "/chat/completions",
                {body: {messages: [{role: "system", content: "Be brief."}, ...messages], max_tokens: 1}});
            // llama.cpp counts the prompt's last token, whose logits it reads, as output.
            expect(fresh.engine.evaluatedInputTokens - before + 1).toBe(body.usage.prompt_tokens);
        } finally {
            await fresh.close();
        }
    });
});

describe("completion_tokens", () => {
    // Regression: tokens held back as an unfinished UTF-8 character were not counted (0 reported for 5 generated).
    it("equals max_tokens when max_tokens ends the answer on unfinished UTF-8 bytes", async () => {
        const bias = {[leadByteToken]: 100};
        const completion = await complete({max_tokens: 5, logit_bias: bias});
        expect(completion.body.choices[0]!.finish_reason).toBe("length");
        expect(completion.body.usage!.completion_tokens).toBe(5);

        const answer = await chat({max_tokens: 5, logit_bias: bias});
        expect(answer.body.choices[0]!.finish_reason).toBe("length");
        expect(answer.body.usage.completion_tokens).toBe(5);
    });

    it("counts exactly the generated tokens when the model ends the answer itself", async () => {
        // A strong bias towards end-of-text makes this model end within a few dozen tokens.
        const request = {max_tokens: 200, temperature: 0, logit_bias: {[endOfText]: 20}};
        const full = (await complete(request)).body;
        expect(full.choices[0]!.finish_reason).toBe("stop");
        const count = full.usage!.completion_tokens;
        expect(count).toBeGreaterThan(1);

        // The same greedy answer cut at `count` tokens is the whole text; one token fewer is not.
        const exact = (await complete({...request, max_tokens: count})).body;
        expect(exact.choices[0]).toMatchObject({finish_reason: "length", text: full.choices[0]!.text});
        expect(exact.usage!.completion_tokens).toBe(count);
        const shorter = (await complete({...request, max_tokens: count - 1})).body;
        expect(shorter.choices[0]!.finish_reason).toBe("length");
        expect(full.choices[0]!.text.startsWith(shorter.choices[0]!.text)).toBe(true);
        expect(shorter.choices[0]!.text.length).toBeLessThan(full.choices[0]!.text.length);
    });

    it("counts the same tokens streamed or not", async () => {
        const request = {max_tokens: 30, temperature: 0};
        const plain = (await chat(request)).body;
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions",
            {messages, ...request, stream_options: {include_usage: true}});
        expect(stream.chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe(plain.choices[0]!.message.content);
        // The counts match; how much of the prompt the second request found cached needn't
        const {prompt_tokens_details: _streamed, ...streamedCounts} = stream.chunks.at(-1)!.usage!;
        const {prompt_tokens_details: _whole, ...wholeCounts} = plain.usage;
        expect(streamedCounts).toEqual(wholeCounts);
    });

    it("is 0 with finish_reason stop when logit_bias makes end-of-text certain", async () => {
        // Regression: node-llama-cpp's TokenBias skips end-of-generation tokens, so this bias was ignored.
        const {body} = await complete({max_tokens: 20, logit_bias: {[endOfText]: 100}});
        expect(body.choices[0]).toMatchObject({finish_reason: "stop", text: ""});
        expect(body.usage!.completion_tokens).toBe(0);
    });
});
