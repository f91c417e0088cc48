import {mkdtemp, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateChatCompletionStreamResponse, ModelList} from "../../contract/index.js";
import {createLlamaModel} from "../fixtures/gguf/createLlamaModel.js";
import {callApi} from "../support/callApi.js";
import {openTokenizer} from "../support/openTokenizer.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {streamApi} from "../support/streamApi.js";
import {testModelPath} from "../support/testModelPath.js";

let dir: string;
let stories: TestServer;
let chatMl: TestServer;
beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "tholos-templates-"));
    // Random weights, stories260K's tokenizer and a ChatML `tokenizer.chat_template`.
    const model = await createLlamaModel({path: path.join(dir, "chatml.gguf")});
    [stories, chatMl] = await Promise.all([startTestServer({sequences: 1}), startTestServer({modelPath: model.path, sequences: 1})]);
});
afterAll(async () => {
    await Promise.all([stories?.close(), chatMl?.close()]);
    await rm(dir, {recursive: true, force: true});
});

const messages = [{role: "system", content: "Be nice."}, {role: "user", content: "Hi"}];

describe("chat templates", () => {
    it("uses the model's own template when the GGUF has one", async () => {
        const {body} = await callApi<ModelList>(chatMl, "/models");
        expect(body.data[0]!.meta?.chat_template).toBe("model");

        const answer = await callApi<CreateChatCompletionResponse>(chatMl, "/chat/completions", {body: {messages, max_tokens: 4}});
        expect(answer.status).toBe(200);
        const plain = await callApi<CreateChatCompletionResponse>(stories, "/chat/completions", {body: {messages, max_tokens: 4}});
        // Same tokenizer, different rendering: ChatML's `<|im_start|>system…` markers, not the default's.
        expect(answer.body.usage.prompt_tokens).not.toBe(plain.body.usage.prompt_tokens);

        const stream = await streamApi<CreateChatCompletionStreamResponse>(chatMl, "/chat/completions", {messages, max_tokens: 4});
        expect(stream.done).toBe(true);
    });

    it("falls back to the default template for a model without one (stories260K)", async () => {
        const {body} = await callApi<ModelList>(stories, "/models");
        expect(body.data[0]!.meta?.chat_template).toBe("default");

        // The default is node-llama-cpp's GeneralChatWrapper: BOS, the system text, then `### Human` and
        // `### Assistant` sections separated by blank lines, ending with an open `### Assistant` section.
        const tokenizer = await openTokenizer(await testModelPath());
        const rendered = "Be nice.\n\n### Human\nHi\n\n### Assistant\n";
        const expected = 1 + tokenizer.model.tokenize(rendered, false, "trimLeadingSpace").length;
        await tokenizer.dispose();

        const answer = await callApi<CreateChatCompletionResponse>(stories, "/chat/completions", {body: {messages, max_tokens: 4}});
        expect(answer.body.usage.prompt_tokens).toBe(expected);
    });
});
