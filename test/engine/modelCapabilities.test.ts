import {mkdtemp, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {ModelList} from "../../contract/index.js";
import {createScriptedModel, type CreateScriptedModelOptions} from "../fixtures/gguf/createScriptedModel.js";
import {familyTemplates} from "../fixtures/gguf/familyTemplates.js";
import {callApi} from "../support/callApi.js";
import {startTestServer} from "../support/startTestServer.js";
import {testModelPath} from "../support/testModelPath.js";

/** `/v1/models` says what the loaded model can do, from its file's metadata and the wrapper node-llama-cpp resolves. */
let folder: string;
beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "tholos-capabilities-"));
});
afterAll(async () => {
    await rm(folder, {recursive: true, force: true});
});

async function metaOf(modelPath: string) {
    const server = await startTestServer({modelPath, sequences: 1});
    try {
        // A template without a thinking switch takes reasoning_effort without complaint, and nothing changes.
        const promptTokens = async (extra: object) => (await callApi<{usage: {prompt_tokens: number}}>(server, "/chat/completions",
            {body: {messages: [{role: "user", content: "Hi"}], max_tokens: 4, ...extra}})).body.usage.prompt_tokens;
        const meta = (await callApi<ModelList>(server, "/models")).body.data[0]!.meta;
        if (meta?.capabilities.reasoning === false) expect(await promptTokens({reasoning_effort: "none"})).toBe(await promptTokens({}));
        return meta;
    } finally {
        await server.close();
    }
}

const script = ["Hello there!"];
const families: [string, Omit<CreateScriptedModelOptions, "path" | "script">, object][] = [
    ["qwen3 + Qwen 3's template", {architecture: "qwen3", ...familyTemplates.qwen3},
        {architecture: "qwen3", chat_template: "model", chat_wrapper: "Qwen", capabilities: {tool_calls: "native", reasoning: true}}],
    ["llama + Llama 3.1's template", {architecture: "llama", ...familyTemplates.llama3_1},
        {architecture: "llama", chat_template: "model", chat_wrapper: "Llama 3.1", capabilities: {tool_calls: "native", reasoning: false}}],
    ["gemma3 + Gemma 3's template", {architecture: "gemma3", ...familyTemplates.gemma3},
        {architecture: "gemma3", chat_template: "model", chat_wrapper: "Gemma", capabilities: {reasoning: false}}]
];

describe("GET /v1/models meta", () => {
    it.each(families)("%s", async (_name, options, expected) => {
        const modelPath = path.join(folder, `${options.architecture}.gguf`);
        await createScriptedModel({path: modelPath, script, ...options});
        expect(await metaOf(modelPath)).toMatchObject({...expected, context_length: expect.any(Number)});
    });

    it("stories260K: no template, the server's plain one, generic tool calls, no reasoning", async () => {
        expect(await metaOf(await testModelPath())).toMatchObject({
            architecture: "llama", chat_template: "default", chat_wrapper: "General", capabilities: {tool_calls: "generic", reasoning: false}
        });
    });
});
