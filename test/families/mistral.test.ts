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
import {openTokenizer, type TestTokenizer} from "../support/openTokenizer.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/**
 * Mistral (llama architecture, Mistral Nemo's template → node-llama-cpp's MistralChatWrapper) on a scripted model, over
 * HTTP: a plain answer, native `[TOOL_CALLS][{…}, {…}]` calls — two in one turn, or one — and the turn after their
 * results (`[TOOL_RESULTS]`), which it answers once both calls and results are in the prompt (the four markers).
 * Mistral Nemo has no reasoning.
 */
const weatherArguments = '{"city": "Paris"}';
const timeArguments = '{"city": "Tokyo"}';
const weatherResult = "sunny, 18 C";
const timeResult = "9 pm";
const answer = "Sunny and 18 C in Paris; 9 pm in Tokyo.";

const params = {type: "object", properties: {city: {type: "string"}}, required: ["city"]};
const tools = ["get_weather", "get_time"].map((name) => ({type: "function", function: {name, description: `The ${name.slice(4)} in a city`, parameters: params}}));
const question = [{role: "user", content: "What's the weather in Paris and the time in Tokyo?"}];

let folder: string;
let created: CreateScriptedModelResult;
let plain: CreateScriptedModelResult;
let server: TestServer;
let plainServer: TestServer;
let tokenizer: TestTokenizer;

beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "tholos-mistral-"));
    const family = {architecture: "llama", ...familyTemplates.mistralNemo, name: "Mistral Nemo Instruct 2407"} as const;
    plain = await createScriptedModel({path: path.join(folder, "mistral-plain.gguf"), ...family, script: ["Hello there, friend!"]});
    created = await createScriptedModel({
        path: path.join(folder, "mistral-calls.gguf"), ...family,
        script: ["[TOOL_CALLS]", '[{"name": "'],
        markers: [weatherArguments, timeArguments, weatherResult, timeResult],
        resumes: [
            {after: '"', script: ["get_weather", "\n"]},
            {after: " ", script: [weatherArguments, "\n\n\n\n"]},
            {after: "}", markersHeld: 1, script: [", "]},
            {after: '"', markersHeld: 1, script: ["get_time", "\n"]},
            {after: " ", markersHeld: 1, script: [timeArguments, "\n\n\n\n"]},
            {after: "}", markersHeld: 2, script: ["]"]},
            {after: "[/TOOL_RESULTS]", markersHeld: 4, script: [answer]}
        ]
    });
    plainServer = await startTestServer({modelPath: plain.path, sequences: 1});
    server = await startTestServer({modelPath: created.path, sequences: 1});
    tokenizer = await openTokenizer(created.path);
});
afterAll(async () => {
    await plainServer?.close();
    await server?.close();
    await tokenizer?.dispose();
    await rm(folder, {recursive: true, force: true});
});

/** A call as Mistral's template writes it (without the `[TOOL_CALLS][` around the calls), in tokens. */
const callTokens = (name: string, args: string) => tokenizer.model.tokenize(`{"name": "${name}", "arguments": ${args}}`, true).length;

describe("Mistral (scripted, MistralChatWrapper)", () => {
    it("/v1/models names the wrapper and native tool calls", async () => {
        const {body} = await callApi<{data: {meta: {chat_wrapper: string, capabilities: {tool_calls: string, reasoning: boolean}}}[]}>(server, "/models");
        expect(body.data[0]!.meta.chat_wrapper).toBe("Mistral");
        expect(body.data[0]!.meta.capabilities).toMatchObject({tool_calls: "native", reasoning: false});
    });

    it("answers plainly, whole and streamed", async () => {
        const {body} = await callApi<CreateChatCompletionResponse>(plainServer, "/chat/completions", {body: {messages: question, max_tokens: 32}});
        expect(body.choices[0]!.message.content).toBe("Hello there, friend!");
        expect(body.usage.completion_tokens).toBe(plain.scriptTokens.length - 1);
        const stream = await streamApi<CreateChatCompletionStreamResponse>(plainServer, "/chat/completions", {messages: question, max_tokens: 32, temperature: 1.5});
        expect(streamedText(stream.chunks)).toBe("Hello there, friend!");
    });

    it.each([{temperature: 0}, {temperature: 1.5, seed: 2}])("makes two calls in one turn as tool_calls (%o)", async (sampling) => {
        const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages: question, tools, max_tokens: 256, ...sampling}});
        expect(body.choices[0]!.finish_reason).toBe("tool_calls");
        expect(body.choices[0]!.message.content).toBeNull();
        expect(body.choices[0]!.message.tool_calls!.map((call) => call.function)).toEqual([
            {name: "get_weather", arguments: weatherArguments},
            {name: "get_time", arguments: timeArguments}
        ]);
        expect(body.usage.completion_tokens).toBe(callTokens("get_weather", weatherArguments) + callTokens("get_time", timeArguments));
    });

    it("streams them as delta.tool_calls, index by index", async () => {
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions",
            {messages: question, tools, max_tokens: 256, stream_options: {include_usage: true}});
        const fragments = streamedToolCalls(stream.chunks);
        expect(fragments.filter((fragment) => fragment.id != null).map((fragment) => [fragment.index, fragment.function.name]))
            .toEqual([[0, "get_weather"], [1, "get_time"]]);
        for (const [index, args] of [weatherArguments, timeArguments].entries())
            expect(fragments.filter((fragment) => fragment.index === index).map((fragment) => fragment.function.arguments ?? "").join("")).toBe(args);
        expect(stream.chunks.at(-1)!.usage?.completion_tokens)
            .toBe(callTokens("get_weather", weatherArguments) + callTokens("get_time", timeArguments));
    });

    it("parallel_tool_calls false stops after one call", async () => {
        const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions",
            {body: {messages: question, tools, parallel_tool_calls: false, max_tokens: 256}});
        expect(body.choices[0]!.message.tool_calls!.map((call) => call.function)).toEqual([{name: "get_weather", arguments: weatherArguments}]);
        expect(body.usage.completion_tokens).toBe(callTokens("get_weather", weatherArguments));
    });

    it("renders the follow-up turn with [TOOL_RESULTS] and answers it", async () => {
        const first = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages: question, tools, max_tokens: 256}});
        const [weather, time] = first.body.choices[0]!.message.tool_calls!;
        const followUp = [
            ...question,
            {role: "assistant", content: null, tool_calls: [weather, time]},
            {role: "tool", tool_call_id: weather!.id, content: weatherResult},
            {role: "tool", tool_call_id: time!.id, content: timeResult}
        ];
        const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages: followUp, tools, max_tokens: 128}});
        expect(body.choices[0]!.message.content).toBe(answer);
        expect(body.choices[0]!.finish_reason).toBe("stop");
        expect(body.usage.completion_tokens).toBe(created.resumeTokens.at(-1)!.tokens.length - 1);
    });
});
