import {mkdtemp, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateChatCompletionStreamResponse} from "../../contract/index.js";
import {createScriptedModel, type CreateScriptedModelResult} from "../fixtures/gguf/createScriptedModel.js";
import {familyTemplates} from "../fixtures/gguf/familyTemplates.js";
import {createQwenCallsModel, qwenCalls} from "../fixtures/gguf/scriptedFamilyModels.js";
import {callApi} from "../support/callApi.js";
import {streamApi} from "../support/streamApi.js";
import {streamedText, streamedToolCalls} from "../support/chatDeltas.js";
import {openTokenizer, type TestTokenizer} from "../support/openTokenizer.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/**
 * Qwen 3 (qwen3 architecture, Qwen 3's template → node-llama-cpp's QwenChatWrapper) on scripted models, over HTTP:
 * a plain answer, and native `<tool_call>` calls — one, two in one turn, and the turn after their results. (Its
 * reasoning split is in test/engine/reasoning.test.ts.)
 *
 * The calls model is `createQwenCallsModel`.
 */
const {weatherArguments, timeArguments, weatherResult, timeResult, answer} = qwenCalls;

const params = {type: "object", properties: {city: {type: "string"}}, required: ["city"]};
const tools = ["get_weather", "get_time"].map((name) => ({type: "function", function: {name, description: `The ${name.slice(4)} in a city`, parameters: params}}));
const question = [{role: "user", content: "What's the weather in Paris and the time in Tokyo?"}];

let folder: string;
let plain: CreateScriptedModelResult;
let calls: CreateScriptedModelResult;
let plainServer: TestServer;
let server: TestServer;
let tokenizer: TestTokenizer;

beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "tholos-qwen3-"));
    plain = await createScriptedModel({
        path: path.join(folder, "qwen3-plain.gguf"), architecture: "qwen3", ...familyTemplates.qwen3, script: ["Hello there, friend!"]
    });
    calls = await createQwenCallsModel(path.join(folder, "qwen3-calls.gguf"));
    plainServer = await startTestServer({modelPath: plain.path, sequences: 1});
    server = await startTestServer({modelPath: calls.path, sequences: 1});
    tokenizer = await openTokenizer(calls.path);
});
afterAll(async () => {
    await plainServer?.close();
    await server?.close();
    await tokenizer?.dispose();
    await rm(folder, {recursive: true, force: true});
});

/** A call as Qwen's template writes it, in tokens: what the answer's usage counts for it. */
const callTokens = (name: string, args: string) =>
    tokenizer.model.tokenize(`<tool_call>\n{"name": "${name}", "arguments": ${args}}\n</tool_call>`, true).length;

type Message = CreateChatCompletionResponse["choices"][number]["message"];

describe("Qwen 3 (scripted, QwenChatWrapper)", () => {
    it("/v1/models names the wrapper and native tool calls", async () => {
        const {body} = await callApi<{data: {meta: {chat_wrapper: string, capabilities: {tool_calls: string}}}[]}>(server, "/models");
        expect(body.data[0]!.meta.chat_wrapper).toBe("Qwen");
        expect(body.data[0]!.meta.capabilities.tool_calls).toBe("native");
    });

    it("answers plainly, whole and streamed, with exact usage", async () => {
        const {body} = await callApi<CreateChatCompletionResponse>(plainServer, "/chat/completions", {body: {messages: question, max_tokens: 32}});
        expect(body.choices[0]!.message.content).toBe("Hello there, friend!");
        expect(body.choices[0]!.finish_reason).toBe("stop");
        expect(body.usage.completion_tokens).toBe(plain.scriptTokens.length - 1);

        const stream = await streamApi<CreateChatCompletionStreamResponse>(plainServer, "/chat/completions",
            {messages: question, max_tokens: 32, temperature: 1.5, stream_options: {include_usage: true}});
        expect(streamedText(stream.chunks)).toBe("Hello there, friend!");
        expect(stream.chunks.at(-1)!.usage?.completion_tokens).toBe(plain.scriptTokens.length - 1);
    });

    it("usage says how much of a continued conversation's prompt was cached (one sequence, so the last prompt is held)", async () => {
        const first = await callApi<CreateChatCompletionResponse>(plainServer, "/chat/completions", {body: {messages: question, max_tokens: 32}});
        const second = await callApi<CreateChatCompletionResponse>(plainServer, "/chat/completions", {body: {
            messages: [...question, {role: "assistant", content: first.body.choices[0]!.message.content}, {role: "user", content: "And again?"}], max_tokens: 32
        }});
        expect(second.body.usage.prompt_tokens_details?.cached_tokens).toBe(first.body.usage.prompt_tokens);
        expect(second.body.usage.completion_tokens_details?.reasoning_tokens).toBe(0);
    });

    it.each([{temperature: 0}, {temperature: 1.5, seed: 11}])("makes two calls in one turn as tool_calls (%o)", async (sampling) => {
        const {status, body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions",
            {body: {messages: question, tools, max_tokens: 256, ...sampling}});
        expect(status).toBe(200);
        const choice = body.choices[0]!;
        expect(choice.finish_reason).toBe("tool_calls");
        expect(choice.message.content).toBeNull();
        expect(choice.message.tool_calls!.map((call) => ({type: call.type, function: call.function}))).toEqual([
            {type: "function", function: {name: "get_weather", arguments: weatherArguments}},
            {type: "function", function: {name: "get_time", arguments: timeArguments}}
        ]);
        const ids = choice.message.tool_calls!.map((call) => call.id);
        expect(new Set(ids).size).toBe(2);
        expect(ids.every((id) => /^call_[\w-]+$/.test(id))).toBe(true);
        expect(body.usage.completion_tokens).toBe(callTokens("get_weather", weatherArguments) + callTokens("get_time", timeArguments));
    });

    it("streams the calls as delta.tool_calls: index, id and name first, then argument fragments, with the same usage", async () => {
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions",
            {messages: question, tools, max_tokens: 256, stream_options: {include_usage: true}});
        expect(stream.done).toBe(true);
        const fragments = streamedToolCalls(stream.chunks);
        const starts = fragments.filter((fragment) => fragment.id != null);
        expect(starts.map(({index, type, function: {name, arguments: text}}) => ({index, type, name, text}))).toEqual([
            {index: 0, type: "function", name: "get_weather", text: ""},
            {index: 1, type: "function", name: "get_time", text: ""}
        ]);
        for (const [index, args] of [weatherArguments, timeArguments].entries()) {
            const own = fragments.filter((fragment) => fragment.index === index);
            expect(own[0]!.id).toBeDefined();
            expect(own.slice(1).every((fragment) => fragment.id == null && fragment.function.name == null)).toBe(true);
            expect(own.map((fragment) => fragment.function.arguments ?? "").join("")).toBe(args);
        }
        // The call's own text never leaks into content
        expect(streamedText(stream.chunks)).toBe("");
        expect(stream.chunks.at(-2)!.choices[0]!.finish_reason).toBe("tool_calls");
        expect(stream.chunks.at(-1)!.usage?.completion_tokens)
            .toBe(callTokens("get_weather", weatherArguments) + callTokens("get_time", timeArguments));
    });

    it("parallel_tool_calls false stops after one call", async () => {
        const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions",
            {body: {messages: question, tools, parallel_tool_calls: false, max_tokens: 256}});
        expect(body.choices[0]!.finish_reason).toBe("tool_calls");
        expect(body.choices[0]!.message.tool_calls!.map((call) => call.function))
            .toEqual([{name: "get_weather", arguments: weatherArguments}]);
        expect(body.usage.completion_tokens).toBe(callTokens("get_weather", weatherArguments));
    });

    it("tool_choice required writes the calls in Qwen's own syntax: the answer starts inside <tool_call>", async () => {
        const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions",
            {body: {messages: question, tools, tool_choice: "required", max_tokens: 256}});
        expect(body.choices[0]!.finish_reason).toBe("tool_calls");
        expect(body.choices[0]!.message.tool_calls!.map((call) => call.function)).toEqual([
            {name: "get_weather", arguments: weatherArguments},
            {name: "get_time", arguments: timeArguments}
        ]);
        expect(body.usage.completion_tokens).toBe(callTokens("get_weather", weatherArguments) + callTokens("get_time", timeArguments));
        // No generic-call instruction in the prompt: the same prompt as with auto
        const auto = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages: question, tools, max_tokens: 256}});
        expect(body.usage.prompt_tokens).toBe(auto.body.usage.prompt_tokens);
    });

    it("a named tool_choice calls that function once, in Qwen's syntax, streamed after the check", async () => {
        const named = {type: "function", function: {name: "get_time"}};
        const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions",
            {body: {messages: question, tools, tool_choice: named, max_tokens: 256}});
        // The grammar allows only get_time; the model then goes on as after any name, with the first city
        expect(body.choices[0]!.message.tool_calls!.map((call) => call.function)).toEqual([{name: "get_time", arguments: weatherArguments}]);
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions",
            {messages: question, tools, tool_choice: named, max_tokens: 256});
        const fragments = streamedToolCalls(stream.chunks);
        expect(fragments[0]).toMatchObject({index: 0, type: "function", function: {name: "get_time", arguments: ""}});
        expect(fragments.map((fragment) => fragment.function.arguments ?? "").join("")).toBe(weatherArguments);
    });

    it("renders the follow-up turn (the assistant's calls, role tool results by tool_call_id) and answers it", async () => {
        const first = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages: question, tools, max_tokens: 256}});
        const message = first.body.choices[0]!.message as Message;
        const [weather, time] = message.tool_calls!;
        const followUp = [
            ...question,
            {role: "assistant", content: null, tool_calls: message.tool_calls},
            // Results in the other order: each goes to the call its id names
            {role: "tool", tool_call_id: time!.id, content: timeResult},
            {role: "tool", tool_call_id: weather!.id, content: weatherResult}
        ];
        for (const stream of [false, true]) {
            if (!stream) {
                const {status, body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages: followUp, tools, max_tokens: 128}});
                expect(status).toBe(200);
                expect(body.choices[0]!.message.content).toBe(answer);
                expect(body.choices[0]!.message.tool_calls).toBeUndefined();
                expect(body.choices[0]!.finish_reason).toBe("stop");
                expect(body.usage.completion_tokens).toBe(calls.resumeTokens.at(-1)!.tokens.length - 1);
            } else {
                const streamed = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions", {messages: followUp, tools, max_tokens: 128});
                expect(streamedText(streamed.chunks)).toBe(answer);
            }
        }
    });
});

describe("message shapes clients send (Qwen 3 template)", () => {
    const promptTokens = async (messages: unknown[]) => {
        const {status, body} = await callApi<CreateChatCompletionResponse>(plainServer, "/chat/completions", {body: {messages, max_tokens: 32}});
        expect(status).toBe(200);
        expect(body.choices[0]!.message.content).toBe("Hello there, friend!");
        return body.usage.prompt_tokens;
    };

    it("content as text parts renders as their text joined by line breaks", async () => {
        expect(await promptTokens([{role: "user", content: [{type: "text", text: "Hello"}, {type: "text", text: "world"}]}]))
            .toBe(await promptTokens([{role: "user", content: "Hello\nworld"}]));
    });

    it("the developer role is a system message, and a message's name changes nothing", async () => {
        const system = await promptTokens([{role: "system", content: "Be brief."}, {role: "user", content: "Hi"}]);
        expect(await promptTokens([{role: "developer", content: "Be brief."}, {role: "user", content: "Hi"}])).toBe(system);
        expect(await promptTokens([{role: "system", content: "Be brief.", name: "rules"}, {role: "user", content: "Hi", name: "ada"}])).toBe(system);
    });

    it("an assistant message with both content and tool calls renders both", async () => {
        const call = {id: "call_1", type: "function", function: {name: "get_weather", arguments: '{"city": "Paris"}'}};
        const base = [{role: "user", content: "Weather?"}];
        const textOnly = await promptTokens([...base, {role: "assistant", content: "Let me look."}, {role: "user", content: "Go on."}]);
        const callOnly = await promptTokens([...base, {role: "assistant", content: null, tool_calls: [call]},
            {role: "tool", tool_call_id: "call_1", content: "sunny"}, {role: "user", content: "Go on."}]);
        const both = await promptTokens([...base, {role: "assistant", content: "Let me look.", tool_calls: [call]},
            {role: "tool", tool_call_id: "call_1", content: "sunny"}, {role: "user", content: "Go on."}]);
        expect(both).toBeGreaterThan(textOnly);
        expect(both).toBeGreaterThan(callOnly);
    });

    it("an image part is a 400 saying the model reads text only", async () => {
        const {status, body} = await callApi<{error: {message: string, param: string, code: string}}>(plainServer, "/chat/completions", {body: {
            messages: [{role: "user", content: [{type: "text", text: "What is this?"}, {type: "image_url", image_url: {url: "data:image/png;base64,AAAA"}}]}]
        }});
        expect(status).toBe(400);
        expect(body.error.param).toBe("messages[0].content[1].type");
        expect(body.error.message).toMatch(/only reads text/);
    });
});
