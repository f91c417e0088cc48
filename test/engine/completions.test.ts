import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateCompletionResponse, ErrorResponse} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {openTokenizer} from "../support/openTokenizer.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {streamApi} from "../support/streamApi.js";
import {testModelPath} from "../support/testModelPath.js";

let server: TestServer;
beforeAll(async () => {
    server = await startTestServer();
});
afterAll(async () => {
    await server?.close();
});

const greedy = {max_tokens: 10, temperature: 0};
const complete = (body: object) => callApi<CreateCompletionResponse>(server, "/completions", {body: {...greedy, ...body}});
const textOf = async (prompt: unknown) => (await complete({prompt})).body.choices[0]!.text;

describe("/v1/completions prompts", () => {
    it("completes a string prompt with one choice", async () => {
        const {status, body} = await complete({prompt: "Once upon a time"});
        expect(status).toBe(200);
        expect(body).toMatchObject({object: "text_completion", model: "stories260K"});
        expect(body.choices).toHaveLength(1);
        expect(body.choices[0]).toMatchObject({index: 0, finish_reason: "length", logprobs: null});
    });

    it("answers an array of strings with one choice each, in order", async () => {
        const prompts = ["Once upon a time", "The cat", "Tom and Sue went"];
        const {body} = await complete({prompt: prompts});
        expect(body.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
        for (const [index, prompt] of prompts.entries())
            expect(body.choices[index]!.text).toBe(await textOf(prompt));
        expect(body.usage!.completion_tokens).toBe(30);
    });

    it("takes the prompt's tokens as they are", async () => {
        const tokenizer = await openTokenizer(await testModelPath());
        const tokens = tokenizer.model.tokenize("Once upon a time").map(Number);
        const other = tokenizer.model.tokenize("The cat").map(Number);
        await tokenizer.dispose();

        expect(await textOf(tokens)).toBe(await textOf("Once upon a time"));
        const {body} = await complete({prompt: [tokens, other]});
        expect(body.choices.map((choice) => choice.text)).toEqual([await textOf("Once upon a time"), await textOf("The cat")]);
    });

    it("refuses a token outside the vocabulary", async () => {
        const {status, body} = await callApi<ErrorResponse>(server, "/completions", {body: {prompt: [1, 2, 99999]}});
        expect(status).toBe(400);
        expect(body.error.param).toBe("prompt");
    });

    it("returns the prompt before the completion with echo", async () => {
        const {body} = await complete({prompt: "Once upon a time", echo: true});
        expect(body.choices[0]!.text).toBe("Once upon a time" + await textOf("Once upon a time"));
    });

    it("refuses suffix with a 400 naming it", async () => {
        const {status, body} = await callApi<ErrorResponse>(server, "/completions", {body: {prompt: "Once", suffix: "The end."}});
        expect(status).toBe(400);
        expect(body.error).toMatchObject({param: "suffix", type: "invalid_request_error"});
    });
});

describe("/v1/completions streaming", () => {
    it("streams the same text and ends with the finish reason and [DONE]", async () => {
        const stream = await streamApi<CreateCompletionResponse>(server, "/completions", {prompt: "Once upon a time", ...greedy});
        expect(stream.done).toBe(true);
        expect(stream.chunks.length).toBeGreaterThan(2);
        expect(stream.chunks.map((chunk) => chunk.choices[0]!.text).join("")).toBe(await textOf("Once upon a time"));
        expect(stream.chunks.at(-1)!.choices[0]!.finish_reason).toBe("length");
        for (const chunk of stream.chunks.slice(0, -1)) expect(chunk.choices[0]!.finish_reason).toBeNull();
        expect(new Set(stream.chunks.map((chunk) => chunk.id)).size).toBe(1);
    });

    it("streams several prompts one after the other, each under its index", async () => {
        const prompts = ["Once upon a time", "The cat"];
        const stream = await streamApi<CreateCompletionResponse>(server, "/completions", {prompt: prompts, ...greedy, echo: true});
        expect(stream.done).toBe(true);
        const indexes = stream.chunks.map((chunk) => chunk.choices[0]!.index);
        expect(indexes).toEqual([...indexes].sort());
        for (const [index, prompt] of prompts.entries()) {
            const chunks = stream.chunks.filter((chunk) => chunk.choices[0]!.index === index);
            expect(chunks[0]!.choices[0]!.text).toBe(prompt);
            expect(chunks.map((chunk) => chunk.choices[0]!.text).join("")).toBe(prompt + await textOf(prompt));
            expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("length");
        }
    });
});
