import {mkdtemp, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateChatCompletionStreamResponse} from "../../contract/index.js";
import {createScriptedModel, type CreateScriptedModelResult} from "../fixtures/gguf/createScriptedModel.js";
import {familyTemplates} from "../fixtures/gguf/familyTemplates.js";
import {callApi} from "../support/callApi.js";
import {streamApi} from "../support/streamApi.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/**
 * Reasoning output on a scripted Qwen 3 model (qwen3 architecture, Qwen 3's own template, so node-llama-cpp resolves
 * QwenChatWrapper), which answers `<think>\nThe user wants a greeting.\n</think>\n\nHello there!` at any temperature.
 * Regression: the server dropped the reasoning and answered `"\n\nHello there!"`.
 */
let folder: string;
let created: CreateScriptedModelResult;
let server: TestServer;
beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "tholos-reasoning-"));
    created = await createScriptedModel({
        path: path.join(folder, "qwen3-thinking.gguf"), architecture: "qwen3", ...familyTemplates.qwen3,
        script: ["<think>", "\n", "The user wants a greeting.", "\n", "</think>", "\n\n", "Hello there!"]
    });
    server = await startTestServer({modelPath: created.path});
});
afterAll(async () => {
    await server?.close();
    await rm(folder, {recursive: true, force: true});
});

const messages = [{role: "user", content: "Say hello."}];

describe("reasoning (Qwen 3 template, scripted model)", () => {
    it.each([{temperature: 0}, {temperature: 1.5, seed: 7}])("goes to message.reasoning_content, the answer to content, trimmed (%o)", async (sampling) => {
        const {status, body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages, max_tokens: 64, ...sampling}});
        expect(status).toBe(200);
        const message = body.choices[0]!.message as CreateChatCompletionResponse["choices"][number]["message"] & {reasoning_content?: string};
        expect(message.content).toBe("Hello there!");
        expect(message.reasoning_content).toBe("The user wants a greeting.");
        expect(body.choices[0]!.finish_reason).toBe("stop");
        // Every script token was generated and is counted, the thought's included (not the end-of-turn token).
        expect(body.usage.completion_tokens).toBe(created.scriptTokens.length - 1);
        expect(body.usage.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
    });

    it("streams reasoning_content deltas first, then the content, with the same usage", async () => {
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions",
            {messages, max_tokens: 64, stream_options: {include_usage: true}});
        expect(stream.done).toBe(true);
        const deltas = stream.chunks
            .flatMap((chunk) => chunk.choices.map((choice) => choice.delta as {content?: string | null, reasoning_content?: string}));
        expect(deltas.map((delta) => delta.reasoning_content ?? "").join("")).toBe("The user wants a greeting.");
        expect(deltas.map((delta) => delta.content ?? "").join("")).toBe("Hello there!");
        const firstContent = deltas.findIndex((delta) => (delta.content ?? "") !== "");
        const lastReasoning = deltas.findLastIndex((delta) => (delta.reasoning_content ?? "") !== "");
        expect(lastReasoning).toBeLessThan(firstContent);
        expect(stream.chunks.at(-1)!.usage?.completion_tokens).toBe(created.scriptTokens.length - 1);
    });

    it("reasoning_effort none (or enable_thinking false) switches Qwen 3's thinking off: the prompt closes an empty thought", async () => {
        const usage = async (extra: object) => (await callApi<CreateChatCompletionResponse>(server, "/chat/completions",
            {body: {messages, max_tokens: 64, ...extra}})).body.usage.prompt_tokens;
        const thinking = await usage({});
        expect(await usage({reasoning_effort: "high"})).toBe(thinking);
        const off = await usage({reasoning_effort: "none"});
        expect(off).toBeGreaterThan(thinking);
        expect(await usage({chat_template_kwargs: {enable_thinking: false}})).toBe(off);
    });

    it("accepts an earlier turn's reasoning_content sent back", async () => {
        const {status, body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {
            messages: [...messages, {role: "assistant", content: "Hello there!", reasoning_content: "The user wants a greeting."}, {role: "user", content: "Again."}],
            max_tokens: 64
        }});
        expect(status).toBe(200);
        expect(body.choices[0]!.message.content).toBe("Hello there!");
    });
});
