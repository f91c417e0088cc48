import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

let server: TestServer;
beforeAll(async () => {
    server = await startTestServer({sequences: 2});
});
afterAll(async () => {
    await server?.close();
});

type Message = {role: string, content: string};
const system = {role: "system", content: "You are a helpful assistant who tells short stories to children."};

/** One chat turn; returns the answer, its usage and how many prompt tokens llama.cpp really evaluated for it. */
async function turn(messages: Message[]) {
    const before = server.engine.evaluatedInputTokens;
    const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages, max_tokens: 30, temperature: 0}});
    return {
        answer: body.choices[0]!.message.content!,
        promptTokens: body.usage.prompt_tokens,
        evaluated: server.engine.evaluatedInputTokens - before
    };
}

describe("prefix reuse", () => {
    it("evaluates only the new part of a conversation's next turn", async () => {
        const first = [system, {role: "user", content: "Tell me a story about a cat."}];
        const one = await turn(first);
        const two = await turn([...first, {role: "assistant", content: one.answer}, {role: "user", content: "What happened next?"}]);
        expect(two.promptTokens).toBeGreaterThan(one.promptTokens + 20);
        // Only the new user message and the template around it, give or take the answer's retokenized end.
        expect(two.evaluated).toBeLessThan(two.promptTokens - one.promptTokens);
        expect(two.evaluated).toBeLessThan(two.promptTokens / 3);
    });

    // Regression: the pool gave each new conversation the sequence sharing the longest prefix — the other
    // conversation's, through their common system prompt — so two alternating conversations evicted each other.
    it("keeps two interleaved conversations that share a system prompt on their own sequences", async () => {
        const x = [system, {role: "user", content: "Tell me a story about a dog and a ball."}];
        const y = [system, {role: "user", content: "Why is the sky blue at noon, mommy?"}];
        const x1 = await turn(x);
        const y1 = await turn(y);
        const x2 = await turn([...x, {role: "assistant", content: x1.answer}, {role: "user", content: "And then?"}]);
        const y2 = await turn([...y, {role: "assistant", content: y1.answer}, {role: "user", content: "And then?"}]);
        expect(x2.evaluated).toBeLessThan(x2.promptTokens / 3);
        expect(y2.evaluated).toBeLessThan(y2.promptTokens / 3);
    });
});
