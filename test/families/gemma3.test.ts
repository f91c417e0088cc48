import {mkdtemp, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateChatCompletionStreamResponse} from "../../contract/index.js";
import {createScriptedModel, type CreateScriptedModelResult} from "../fixtures/gguf/createScriptedModel.js";
import {familyTemplates} from "../fixtures/gguf/familyTemplates.js";
import {callApi} from "../support/callApi.js";
import {streamApi} from "../support/streamApi.js";
import {streamedText, streamedToolCalls} from "../support/chatDeltas.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/**
 * Gemma 3 (gemma3 architecture, Gemma 3's template → node-llama-cpp's GemmaChatWrapper) on scripted models, over HTTP.
 * Gemma 3 has no tool syntax of its own: the wrapper's generic one (`||call: get_weather({...})`) comes back as
 * tool_calls, and a follow-up with the result is rendered and answered. No reasoning.
 */
const weatherArguments = '{"city": "Paris"}';
const tools = [{type: "function", function: {
    name: "get_weather", description: "The weather in a city",
    parameters: {type: "object", properties: {city: {type: "string"}}, required: ["city"]}
}}];
const question = [{role: "user", content: "What's the weather in Paris?"}];

let folder: string;
let plain: CreateScriptedModelResult;
let plainServer: TestServer;
let server: TestServer;

beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "tholos-gemma3-"));
    plain = await createScriptedModel({
        path: path.join(folder, "gemma3-plain.gguf"), architecture: "gemma3", ...familyTemplates.gemma3, script: ["Sunny and 18 C."]
    });
    const calls = await createScriptedModel({
        path: path.join(folder, "gemma3-calls.gguf"), architecture: "gemma3", ...familyTemplates.gemma3,
        script: ["||call: "],
        resumes: [
            {after: " ", script: ["get_weather", "\n"]},
            {after: "(", script: [weatherArguments, "\n\n\n\n"]}
        ]
    });
    plainServer = await startTestServer({modelPath: plain.path, sequences: 1});
    server = await startTestServer({modelPath: calls.path, sequences: 1});
});
afterAll(async () => {
    await plainServer?.close();
    await server?.close();
    await rm(folder, {recursive: true, force: true});
});

describe("Gemma 3 (scripted, GemmaChatWrapper)", () => {
    it("/v1/models names the wrapper and generic tool calls", async () => {
        const {body} = await callApi<{data: {meta: {chat_wrapper: string, capabilities: {tool_calls: string, reasoning: boolean}}}[]}>(server, "/models");
        expect(body.data[0]!.meta.chat_wrapper).toBe("Gemma");
        expect(body.data[0]!.meta.capabilities).toMatchObject({tool_calls: "generic", reasoning: false});
    });

    it("answers plainly, whole and streamed, stopping on <end_of_turn>", async () => {
        const {body} = await callApi<CreateChatCompletionResponse>(plainServer, "/chat/completions", {body: {messages: question, max_tokens: 32}});
        expect(body.choices[0]!.message.content).toBe("Sunny and 18 C.");
        expect(body.usage.completion_tokens).toBe(plain.scriptTokens.length - 1);
        const stream = await streamApi<CreateChatCompletionStreamResponse>(plainServer, "/chat/completions", {messages: question, max_tokens: 32, temperature: 1.5});
        expect(streamedText(stream.chunks)).toBe("Sunny and 18 C.");
    });

    it("makes a call in the generic syntax, whole and streamed", async () => {
        const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages: question, tools, max_tokens: 256}});
        expect(body.choices[0]!.finish_reason).toBe("tool_calls");
        expect(body.choices[0]!.message.tool_calls!.map((call) => call.function)).toEqual([{name: "get_weather", arguments: weatherArguments}]);
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions", {messages: question, tools, max_tokens: 256, temperature: 1.5});
        const fragments = streamedToolCalls(stream.chunks);
        expect(fragments[0]).toMatchObject({index: 0, function: {name: "get_weather"}});
        expect(fragments.map((fragment) => fragment.function.arguments ?? "").join("")).toBe(weatherArguments);
    });

    it("renders a follow-up turn with the tool result and answers it", async () => {
        const call = {id: "call_1", type: "function", function: {name: "get_weather", arguments: weatherArguments}};
        const followUp = [...question, {role: "assistant", content: null, tool_calls: [call]}, {role: "tool", tool_call_id: "call_1", content: "sunny, 18 C"}];
        const {status, body} = await callApi<CreateChatCompletionResponse>(plainServer, "/chat/completions", {body: {messages: followUp, tools, max_tokens: 32}});
        expect(status).toBe(200);
        expect(body.choices[0]!.message.content).toBe("Sunny and 18 C.");
        const without = await callApi<CreateChatCompletionResponse>(plainServer, "/chat/completions", {body: {messages: question, tools, max_tokens: 32}});
        expect(body.usage.prompt_tokens).toBeGreaterThan(without.body.usage.prompt_tokens);
    });
});
