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
 * Llama 3.1 (llama architecture, Llama 3.1's template → node-llama-cpp's Llama3_1ChatWrapper) on a scripted model, over
 * HTTP: a native `<function=get_weather>{"city": "Paris"}</function>` call (the wrapper makes one per turn; it has no
 * syntax for several), streamed and whole, and the turn after its result, which it answers (both markers held).
 * Llama 3.1 has no reasoning.
 */
const weatherArguments = '{"city": "Paris"}';
const weatherResult = "sunny, 18 C";
const answer = "It is sunny and 18 C in Paris.";
const tools = [{type: "function", function: {
    name: "get_weather", description: "The weather in a city",
    parameters: {type: "object", properties: {city: {type: "string"}}, required: ["city"]}
}}];
const question = [{role: "system", content: "Be brief."}, {role: "user", content: "What's the weather in Paris?"}];

let folder: string;
let created: CreateScriptedModelResult;
let plain: CreateScriptedModelResult;
let server: TestServer;
let plainServer: TestServer;
let tokenizer: TestTokenizer;

beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "tholos-llama3_1-"));
    created = await createScriptedModel({
        path: path.join(folder, "llama3_1-calls.gguf"), architecture: "llama", ...familyTemplates.llama3_1,
        script: ["<function="],
        markers: [weatherArguments, weatherResult],
        resumes: [
            {after: "=", script: ["get_weather", "\n"]},
            {after: ">", script: [weatherArguments, "\n\n\n\n"]},
            {after: "\n", markersHeld: 2, script: [answer]}
        ]
    });
    plain = await createScriptedModel({
        path: path.join(folder, "llama3_1-plain.gguf"), architecture: "llama", ...familyTemplates.llama3_1, script: ["Hello there, friend!"]
    });
    server = await startTestServer({modelPath: created.path, sequences: 1});
    plainServer = await startTestServer({modelPath: plain.path, sequences: 1});
    tokenizer = await openTokenizer(created.path);
});
afterAll(async () => {
    await server?.close();
    await plainServer?.close();
    await tokenizer?.dispose();
    await rm(folder, {recursive: true, force: true});
});

/** The call as Llama 3.1's wrapper writes it, in tokens: what the answer's usage counts for it. */
const callTokens = () => tokenizer.model.tokenize(`<function=get_weather>${weatherArguments}</function><|eom_id|>`, true).length;

describe("Llama 3.1 (scripted, Llama3_1ChatWrapper)", () => {
    it("/v1/models names the wrapper and native tool calls", async () => {
        const {body} = await callApi<{data: {meta: {chat_wrapper: string, capabilities: {tool_calls: string, reasoning: boolean}}}[]}>(server, "/models");
        expect(body.data[0]!.meta.chat_wrapper).toBe("Llama 3.1");
        expect(body.data[0]!.meta.capabilities).toMatchObject({tool_calls: "native", reasoning: false});
    });

    it("answers plainly, whole and streamed, stopping on <|eot_id|>", async () => {
        const {body} = await callApi<CreateChatCompletionResponse>(plainServer, "/chat/completions", {body: {messages: question, max_tokens: 32}});
        expect(body.choices[0]!.message.content).toBe("Hello there, friend!");
        expect(body.choices[0]!.finish_reason).toBe("stop");
        expect(body.usage.completion_tokens).toBe(plain.scriptTokens.length - 1);
        const stream = await streamApi<CreateChatCompletionStreamResponse>(plainServer, "/chat/completions",
            {messages: question, max_tokens: 32, temperature: 1.5, stream_options: {include_usage: true}});
        expect(streamedText(stream.chunks)).toBe("Hello there, friend!");
        expect(stream.chunks.at(-1)!.usage?.completion_tokens).toBe(plain.scriptTokens.length - 1);
    });

    it.each([{temperature: 0}, {temperature: 1.5, seed: 5}])("makes its native call as tool_calls, with exact usage (%o)", async (sampling) => {
        const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages: question, tools, max_tokens: 256, ...sampling}});
        expect(body.choices[0]!.finish_reason).toBe("tool_calls");
        expect(body.choices[0]!.message.content).toBeNull();
        expect(body.choices[0]!.message.tool_calls!.map((call) => call.function)).toEqual([{name: "get_weather", arguments: weatherArguments}]);
        expect(body.usage.completion_tokens).toBe(callTokens());
    });

    it("streams it as delta.tool_calls", async () => {
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions",
            {messages: question, tools, max_tokens: 256, stream_options: {include_usage: true}});
        const fragments = streamedToolCalls(stream.chunks);
        expect(fragments[0]).toMatchObject({index: 0, type: "function", function: {name: "get_weather", arguments: ""}});
        expect(fragments.every((fragment) => fragment.index === 0)).toBe(true);
        expect(fragments.map((fragment) => fragment.function.arguments ?? "").join("")).toBe(weatherArguments);
        expect(stream.chunks.at(-1)!.usage?.completion_tokens).toBe(callTokens());
    });

    it("tool_choice required makes the call in Llama 3.1's own <function=…> syntax", async () => {
        const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions",
            {body: {messages: question, tools, tool_choice: "required", max_tokens: 256}});
        expect(body.choices[0]!.message.tool_calls!.map((call) => call.function)).toEqual([{name: "get_weather", arguments: weatherArguments}]);
        expect(body.usage.completion_tokens).toBe(callTokens());
    });

    it("renders the follow-up turn with the result (role ipython) and answers it", async () => {
        const first = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages: question, tools, max_tokens: 256}});
        const call = first.body.choices[0]!.message.tool_calls![0]!;
        const followUp = [...question, {role: "assistant", content: null, tool_calls: [call]}, {role: "tool", tool_call_id: call.id, content: weatherResult}];
        const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages: followUp, tools, max_tokens: 128}});
        expect(body.choices[0]!.message.content).toBe(answer);
        expect(body.choices[0]!.finish_reason).toBe("stop");
        expect(body.usage.completion_tokens).toBe(created.resumeTokens.at(-1)!.tokens.length - 1);
        const streamed = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions", {messages: followUp, tools, max_tokens: 128});
        expect(streamedText(streamed.chunks)).toBe(answer);
    });
});
