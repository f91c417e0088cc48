import {mkdtemp, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateChatCompletionStreamResponse} from "../../contract/index.js";
import {createScriptedModel, type CreateScriptedModelResult} from "../fixtures/gguf/createScriptedModel.js";
import {familyTemplates} from "../fixtures/gguf/familyTemplates.js";
import {callApi} from "../support/callApi.js";
import {streamApi} from "../support/streamApi.js";
import {streamedText} from "../support/chatDeltas.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/**
 * A DeepSeek-R1 distill (llama architecture, DeepSeek-R1-Distill-Llama-8B's template → node-llama-cpp's
 * DeepSeekChatWrapper) on a scripted model that thinks before it answers, over HTTP: the thought goes to
 * reasoning_content, whole and streamed, and an earlier turn's reasoning sent back is accepted.
 */
const reasoning = "The user greets me.";
const answer = "Hello there!";

let folder: string;
let created: CreateScriptedModelResult;
let server: TestServer;

beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "tholos-deepseek-"));
    created = await createScriptedModel({
        path: path.join(folder, "deepseek-r1.gguf"), architecture: "llama", ...familyTemplates.deepseekR1,
        script: ["<think>", "\n", reasoning, "\n", "</think>", "\n\n", answer]
    });
    server = await startTestServer({modelPath: created.path, sequences: 1});
});
afterAll(async () => {
    await server?.close();
    await rm(folder, {recursive: true, force: true});
});

const messages = [{role: "user", content: "Hi!"}];

describe("DeepSeek-R1 distill (scripted, DeepSeekChatWrapper)", () => {
    it("/v1/models names the wrapper and says it reasons", async () => {
        const {body} = await callApi<{data: {meta: {chat_wrapper: string, capabilities: {reasoning: boolean}}}[]}>(server, "/models");
        expect(body.data[0]!.meta.chat_wrapper).toBe("DeepSeek");
        expect(body.data[0]!.meta.capabilities.reasoning).toBe(true);
    });

    it.each([{temperature: 0}, {temperature: 1.5, seed: 3}])("splits the thought into reasoning_content (%o)", async (sampling) => {
        const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages, max_tokens: 64, ...sampling}});
        const message = body.choices[0]!.message as CreateChatCompletionResponse["choices"][number]["message"] & {reasoning_content?: string};
        expect(message.content).toBe(answer);
        expect(message.reasoning_content).toBe(reasoning);
        expect(body.usage.completion_tokens).toBe(created.scriptTokens.length - 1);
    });

    it("streams reasoning_content before content, with the same usage", async () => {
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions",
            {messages, max_tokens: 64, stream_options: {include_usage: true}});
        expect(streamedText(stream.chunks, "reasoning_content")).toBe(reasoning);
        expect(streamedText(stream.chunks)).toBe(answer);
        expect(stream.chunks.at(-1)!.usage?.completion_tokens).toBe(created.scriptTokens.length - 1);
    });

    it("accepts an earlier turn's reasoning_content", async () => {
        const {status, body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {
            messages: [...messages, {role: "assistant", content: answer, reasoning_content: reasoning}, {role: "user", content: "Again."}], max_tokens: 64
        }});
        expect(status).toBe(200);
        expect(body.choices[0]!.message.content).toBe(answer);
    });
});
