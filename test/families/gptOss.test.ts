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
import {callAnthropic} from "../support/anthropicApi.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/**
 * gpt-oss (gpt-oss's template and name → node-llama-cpp's HarmonyChatWrapper) on a scripted model, over HTTP: its
 * `analysis` channel goes to reasoning_content, the `final` one to content. The file is llama-architecture: node-llama-cpp
 * picks Harmony by the name and template, and gpt-oss's own architecture (mixture of experts, attention sinks) isn't
 * scripted.
 *
 * How the model gets there: it writes `<|channel|>analysis<|message|>The user greets me.<|end|>`; Harmony then renders
 * the context again (the thought now in it, the marker), the model writes a token that opens no channel, Harmony injects
 * `<|channel|>final<|message|>`, and the model answers after it.
 */
const reasoning = "The user greets me.";
const answer = "Hello there!";

let folder: string;
let created: CreateScriptedModelResult;
let calls: CreateScriptedModelResult;
let server: TestServer;
let callServer: TestServer;
let tokenizer: TestTokenizer;
let callTokenizer: TestTokenizer;

beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "tholos-gpt-oss-"));
    created = await createScriptedModel({
        path: path.join(folder, "gpt-oss.gguf"), architecture: "llama", ...familyTemplates.gptOss, name: "gpt-oss-20b",
        script: ["<|channel|>", "analysis", "<|message|>"],
        markers: [reasoning],
        resumes: [
            {after: "<|message|>", script: [reasoning, "<|end|>"]},
            {after: "t", markersHeld: 1, script: ["Okay"]},
            {after: "<|message|>", markersHeld: 1, script: [answer]}
        ]
    });
    calls = await createScriptedModel({
        path: path.join(folder, "gpt-oss-calls.gguf"), architecture: "llama", ...familyTemplates.gptOss, name: "gpt-oss-20b",
        script: ["<|channel|>", "commentary to="],
        markers: [weatherArguments, weatherResult],
        resumes: [
            {after: ".", script: ["get_weather", "\n"]},
            {after: "<|message|>", script: [weatherArguments, "\n\n\n\n"]},
            {after: "t", markersHeld: 2, script: ["Okay"]},
            {after: "<|message|>", markersHeld: 2, script: [weatherAnswer]}
        ]
    });
    server = await startTestServer({modelPath: created.path, sequences: 1});
    callServer = await startTestServer({modelPath: calls.path, sequences: 1});
    tokenizer = await openTokenizer(created.path);
    callTokenizer = await openTokenizer(calls.path);
});
afterAll(async () => {
    await server?.close();
    await callServer?.close();
    await tokenizer?.dispose();
    await callTokenizer?.dispose();
    await rm(folder, {recursive: true, force: true});
});

const messages = [{role: "user", content: "Hi!"}];
const weatherArguments = '{"city": "Paris"}';
const weatherResult = "sunny, 18 C";
const weatherAnswer = "Sunny and 18 C.";
const tools = [{type: "function", function: {
    name: "get_weather", description: "The weather in a city",
    parameters: {type: "object", properties: {city: {type: "string"}}, required: ["city"]}
}}];
const question = [{role: "user", content: "What's the weather in Paris?"}];
/**
 * What the context holds past the prompt once generated, which usage counts: Harmony's own text as the tokenizer writes
 * it (it renders the context again after the thought, and opens the final channel), the thought and the answer as the
 * model wrote them (one token each).
 */
const answerTokens = () => tokenizer.model.tokenize("<|channel|>analysis<|message|>", true).length + 1 +
    tokenizer.model.tokenize("<|end|><|start|>assistant<|channel|>final<|message|>", true).length + 1;

describe("gpt-oss (scripted, HarmonyChatWrapper)", () => {
    it("/v1/models names the wrapper and says it reasons", async () => {
        const {body} = await callApi<{data: {meta: {chat_wrapper: string, capabilities: {reasoning: boolean}}}[]}>(server, "/models");
        expect(body.data[0]!.meta.chat_wrapper).toBe("Harmony");
        expect(body.data[0]!.meta.capabilities.reasoning).toBe(true);
    });

    it.each([{temperature: 0}, {temperature: 1.5, seed: 9}])("puts the analysis channel in reasoning_content, the final one in content (%o)", async (sampling) => {
        const {body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages, max_tokens: 64, ...sampling}});
        const message = body.choices[0]!.message as CreateChatCompletionResponse["choices"][number]["message"] & {reasoning_content?: string};
        expect(message.content).toBe(answer);
        expect(message.reasoning_content).toBe(reasoning);
        expect(body.choices[0]!.finish_reason).toBe("stop");
        expect(body.usage.completion_tokens).toBe(answerTokens());
    });

    it("streams reasoning_content, then content", async () => {
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions",
            {messages, max_tokens: 64, stream_options: {include_usage: true}});
        expect(streamedText(stream.chunks, "reasoning_content")).toBe(reasoning);
        expect(streamedText(stream.chunks)).toBe(answer);
        expect(stream.chunks.at(-1)!.usage?.completion_tokens).toBe(answerTokens());
    });

    it("reasoning_effort sets gpt-oss's `Reasoning:` line (none and minimal as low)", async () => {
        const promptTokens = async (extra: object) => (await callApi<CreateChatCompletionResponse>(server, "/chat/completions",
            {body: {messages, max_tokens: 64, ...extra}})).body.usage.prompt_tokens;
        const medium = await promptTokens({});
        expect(await promptTokens({reasoning_effort: "medium"})).toBe(medium);
        // One token per character here: "low" and "high" are 3 and 2 shorter than "medium"
        expect(await promptTokens({reasoning_effort: "low"})).toBe(medium - 3);
        expect(await promptTokens({reasoning_effort: "high"})).toBe(medium - 2);
        expect(await promptTokens({reasoning_effort: "none"})).toBe(medium - 3);
    });

    it("Anthropic's output_config.effort sets the same line (xhigh and max as high); its thinking block is the analysis channel", async () => {
        const count = async (extra: object) => (await callAnthropic<{input_tokens: number}>(server, "/messages/count_tokens", {messages, ...extra})).body.input_tokens;
        const medium = await count({});
        expect(await count({output_config: {effort: "low"}})).toBe(medium - 3);
        expect(await count({output_config: {effort: "max"}})).toBe(medium - 2);
        expect(await count({output_config: {effort: "xhigh"}, thinking: {type: "enabled", budget_tokens: 4096}})).toBe(medium - 2);
        const {body} = await callAnthropic(server, "/messages", {messages, max_tokens: 64});
        expect(body.content).toMatchObject([{type: "thinking", thinking: reasoning}, {type: "text", text: answer}]);
    });

    it("makes a call on the commentary channel (to=functions.get_weather), whole and streamed", async () => {
        const {body} = await callApi<CreateChatCompletionResponse>(callServer, "/chat/completions", {body: {messages: question, tools, max_tokens: 256}});
        expect(body.choices[0]!.finish_reason).toBe("tool_calls");
        expect(body.choices[0]!.message.tool_calls!.map((call) => call.function)).toEqual([{name: "get_weather", arguments: weatherArguments}]);
        // The call as Harmony's function settings write it, ` to=functions.` to `<|call|>`; the channel header before it is
        // what the wrapper injects in place of the model's, and counts no more than a generation prompt
        expect(body.usage.completion_tokens).toBe(callTokenizer.model.tokenize(
            ` to=functions.get_weather<|constrain|>json<|message|>${weatherArguments}<|call|>`, true).length);
        const stream = await streamApi<CreateChatCompletionStreamResponse>(callServer, "/chat/completions", {messages: question, tools, max_tokens: 256, temperature: 1.5});
        const fragments = streamedToolCalls(stream.chunks);
        expect(fragments[0]).toMatchObject({index: 0, function: {name: "get_weather", arguments: ""}});
        expect(fragments.map((fragment) => fragment.function.arguments ?? "").join("")).toBe(weatherArguments);
    });

    it("answers the follow-up turn with the result on the final channel", async () => {
        const first = await callApi<CreateChatCompletionResponse>(callServer, "/chat/completions", {body: {messages: question, tools, max_tokens: 256}});
        const call = first.body.choices[0]!.message.tool_calls![0]!;
        const followUp = [...question, {role: "assistant", content: null, tool_calls: [call]}, {role: "tool", tool_call_id: call.id, content: weatherResult}];
        const {body} = await callApi<CreateChatCompletionResponse>(callServer, "/chat/completions", {body: {messages: followUp, tools, max_tokens: 128}});
        expect(body.choices[0]!.message.content).toBe(weatherAnswer);
        expect(body.choices[0]!.finish_reason).toBe("stop");
    });
});
