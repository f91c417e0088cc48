import {mkdtemp, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {AnthropicMessage, AnthropicMessageStreamEvent} from "../../../contract/index.js";
import {createScriptedModel, type CreateScriptedModelResult} from "../../fixtures/gguf/createScriptedModel.js";
import {familyTemplates} from "../../fixtures/gguf/familyTemplates.js";
import {createQwenCallsModel, createQwenThinkingModel, qwenCalls} from "../../fixtures/gguf/scriptedFamilyModels.js";
import {anthropicHeaders, callAnthropic, streamAnthropic} from "../../support/anthropicApi.js";
import {startTestServer, type TestServer} from "../../support/startTestServer.js";

/**
 * `POST /v1/messages` and `/v1/messages/count_tokens` over HTTP: shapes, limits and determinism on stories260K; exact
 * text, stop reasons, thinking blocks and tool_use round trips on scripted Qwen 3 models. Every answer and event is
 * parsed with the contract's schema (anthropicApi.ts).
 */
const {weatherArguments, timeArguments, weatherResult, timeResult, answer} = qwenCalls;
const weatherTools = ["get_weather", "get_time"].map((name) => ({
    name, description: `The ${name.slice(4)} in a city`,
    input_schema: {type: "object", properties: {city: {type: "string", maxLength: 12}}, required: ["city"]}
}));
const question = [{role: "user", content: "What's the weather in Paris and the time in Tokyo?"}];
const hello = [{role: "user", content: "Once upon a time"}];

let folder: string;
let plain: CreateScriptedModelResult;
let thinking: CreateScriptedModelResult;
let server: TestServer;
let plainServer: TestServer;
let thinkingServer: TestServer;
let callsServer: TestServer;
/** A thought of several tokens, so a budget can cut it. */
let longThoughtServer: TestServer;

beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "tholos-messages-"));
    plain = await createScriptedModel({
        path: path.join(folder, "plain.gguf"), architecture: "qwen3", ...familyTemplates.qwen3, script: ["Hello there, friend!"]
    });
    thinking = await createQwenThinkingModel(path.join(folder, "thinking.gguf"));
    const calls = await createQwenCallsModel(path.join(folder, "calls.gguf"));
    const longThought = await createScriptedModel({
        path: path.join(folder, "long-thought.gguf"), architecture: "qwen3", ...familyTemplates.qwen3,
        script: ["<think>", "\n", "One", " two", " three", " four", " five", "\n", "</think>", "\n\n", "Done."]
    });
    [server, plainServer, thinkingServer, callsServer, longThoughtServer] = await Promise.all([
        startTestServer(),
        startTestServer({modelPath: plain.path, sequences: 1}),
        startTestServer({modelPath: thinking.path, sequences: 1}),
        startTestServer({modelPath: calls.path, sequences: 1}),
        startTestServer({modelPath: longThought.path, sequences: 1})
    ]);
});
afterAll(async () => {
    await Promise.all([server, plainServer, thinkingServer, callsServer, longThoughtServer].map((each) => each?.close()));
    await rm(folder, {recursive: true, force: true});
});

const texts = (message: AnthropicMessage) => message.content.flatMap((block) => block.type === "text" ? [block.text] : []).join("");
const deltas = (events: AnthropicMessageStreamEvent[], type: "text_delta" | "thinking_delta" | "input_json_delta") => events
    .flatMap((event) => event.type === "content_block_delta" && event.delta.type === type ? [Object.values(event.delta)[1] as string] : [])
    .join("");

describe("POST /v1/messages on stories260K", () => {
    it("answers with Anthropic's message object, its usage counting what count_tokens counts", async () => {
        const body = {max_tokens: 16, system: "You tell stories.", messages: hello};
        const {status, body: message} = await callAnthropic(server, "/messages", body);
        expect(status).toBe(200);
        expect(message).toMatchObject({type: "message", role: "assistant", model: "stories260K", stop_sequence: null, container: null});
        expect(message.id).toMatch(/^msg_/);
        expect(message.content.map((block) => block.type)).toEqual(["text"]);
        expect(["end_turn", "max_tokens"]).toContain(message.stop_reason);
        expect(message.usage.output_tokens).toBeLessThanOrEqual(16);
        expect(message.usage).toMatchObject({cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: "standard"});

        const counted = await callAnthropic<{input_tokens: number}>(server, "/messages/count_tokens", {system: body.system, messages: body.messages});
        expect(counted.body.input_tokens).toBe(message.usage.input_tokens);
    });

    it("temperature 0 repeats itself; top_k 1 is greedy at any temperature", async () => {
        const greedy = await callAnthropic(server, "/messages", {max_tokens: 24, messages: hello, temperature: 0});
        const again = await callAnthropic(server, "/messages", {max_tokens: 24, messages: hello, temperature: 0});
        expect(texts(again.body)).toBe(texts(greedy.body));
        for (let run = 0; run < 2; run++) {
            const topK = await callAnthropic(server, "/messages", {max_tokens: 24, messages: hello, temperature: 1, top_k: 1, top_p: 1});
            expect(texts(topK.body)).toBe(texts(greedy.body));
        }
    });

    it("streams Anthropic's events: start, ping, one text block, delta with usage, stop — the same answer as whole", async () => {
        const body = {max_tokens: 12, messages: hello, temperature: 0};
        const whole = await callAnthropic(server, "/messages", body);
        const {status, events} = await streamAnthropic(server, body);
        expect(status).toBe(200);
        const types = events.map((event) => event.type);
        expect(types.slice(0, 3)).toEqual(["message_start", "ping", "content_block_start"]);
        expect(types.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
        expect(new Set(types.slice(3, -3))).toEqual(new Set(["content_block_delta"]));
        const start = events[0] as Extract<AnthropicMessageStreamEvent, {type: "message_start"}>;
        expect(start.message).toMatchObject({content: [], stop_reason: null, usage: {input_tokens: whole.body.usage.input_tokens, output_tokens: 0}});
        expect(events[2]).toEqual({type: "content_block_start", index: 0, content_block: {type: "text", text: "", citations: null}});
        expect(deltas(events, "text_delta")).toBe(texts(whole.body));
        const delta = events.at(-2) as Extract<AnthropicMessageStreamEvent, {type: "message_delta"}>;
        expect(delta.delta.stop_reason).toBe(whole.body.stop_reason);
        expect(delta.usage).toMatchObject({input_tokens: whole.body.usage.input_tokens, output_tokens: whole.body.usage.output_tokens});
    });

    it("forces a call with tool_choice `tool` (named) and `any`: tool_use blocks whose input follows the schema", async () => {
        const named = await callAnthropic(server, "/messages", {
            max_tokens: 200, messages: hello, tools: weatherTools, tool_choice: {type: "tool", name: "get_time"}
        });
        expect(named.body.stop_reason).toBe("tool_use");
        const calls = named.body.content.filter((block) => block.type === "tool_use");
        expect(calls).toHaveLength(1);
        expect(calls[0]).toMatchObject({name: "get_time", caller: {type: "direct"}});
        expect(calls[0]!.id).toMatch(/^toolu_/);
        expect(typeof (calls[0]!.input as {city: unknown}).city).toBe("string");

        const any = await callAnthropic(server, "/messages", {
            max_tokens: 200, messages: hello, tools: weatherTools, tool_choice: {type: "any", disable_parallel_tool_use: true}
        });
        expect(any.body.stop_reason).toBe("tool_use");
        const anyCalls = any.body.content.filter((block) => block.type === "tool_use");
        expect(anyCalls).toHaveLength(1);
        expect(["get_weather", "get_time"]).toContain(anyCalls[0]!.name);
    });

    it("tool_choice none and no tools at all answer in text", async () => {
        const none = await callAnthropic(server, "/messages", {max_tokens: 8, messages: hello, tools: weatherTools, tool_choice: {type: "none"}});
        expect(none.body.content.map((block) => block.type)).toEqual(["text"]);
    });

    it("accepts cache_control on any block, metadata, anthropic-beta and a thinking budget a non-thinking model ignores", async () => {
        const {status, body} = await callAnthropic(server, "/messages", {
            max_tokens: 8,
            system: [{type: "text", text: "You tell stories.", cache_control: {type: "ephemeral"}}],
            messages: [{role: "user", content: [{type: "text", text: "Once upon a time", cache_control: {type: "ephemeral", ttl: "1h"}}]}],
            metadata: {user_id: "u-1"},
            thinking: {type: "enabled", budget_tokens: 1024}
        }, {"anthropic-beta": "prompt-caching-2024-07-31,interleaved-thinking-2025-05-14"});
        expect(status).toBe(200);
        expect(body.content.map((block) => block.type)).toEqual(["text"]);
    });

    it("output_config.format makes the text JSON matching the schema", async () => {
        const schema = {type: "object", properties: {name: {type: "string", maxLength: 12}, age: {type: "integer"}}, required: ["name", "age"], additionalProperties: false};
        const {body} = await callAnthropic(server, "/messages", {max_tokens: 160, messages: hello, output_config: {format: {type: "json_schema", schema}}});
        expect(body.stop_reason).toBe("end_turn");
        const value = JSON.parse(texts(body)) as Record<string, unknown>;
        expect(Object.keys(value).sort()).toEqual(["age", "name"]);
        expect(Number.isInteger(value.age)).toBe(true);
    });

    it("caps a max_tokens beyond the context to the room left", async () => {
        const {status, body} = await callAnthropic(server, "/messages", {max_tokens: 1_000_000, messages: hello, stop_sequences: ["."]});
        expect(status).toBe(200);
        expect(body.usage.input_tokens + body.usage.output_tokens).toBeLessThanOrEqual(server.engine.info.contextLength);
    });

    it("gives an is_error tool result to the model as `Error: …`", async () => {
        const count = async (content: string, isError: boolean) => (await callAnthropic<{input_tokens: number}>(server, "/messages/count_tokens", {
            tools: weatherTools,
            messages: [...question,
                {role: "assistant", content: [{type: "tool_use", id: "toolu_1", name: "get_weather", input: {city: "Paris"}}]},
                {role: "user", content: [{type: "tool_result", tool_use_id: "toolu_1", content, is_error: isError}]}]
        })).body.input_tokens;
        expect(await count("no such city", true)).toBe(await count("Error: no such city", false));
        expect(await count("no such city", true)).toBeGreaterThan(await count("no such city", false));
    });

    it("counts tools and tool results into the prompt", async () => {
        const count = async (body: object) => (await callAnthropic<{input_tokens: number}>(server, "/messages/count_tokens", body)).body.input_tokens;
        const bare = await count({messages: question});
        const withTools = await count({messages: question, tools: weatherTools});
        expect(withTools).toBeGreaterThan(bare);
        const roundTrip = await count({
            tools: weatherTools,
            messages: [...question,
                {role: "assistant", content: [{type: "tool_use", id: "toolu_1", name: "get_weather", input: {city: "Paris"}}]},
                {role: "user", content: [{type: "tool_result", tool_use_id: "toolu_1", content: [{type: "text", text: weatherResult}]}]}]
        });
        expect(roundTrip).toBeGreaterThan(withTools);
        const generated = await callAnthropic(server, "/messages", {max_tokens: 1, messages: question, tools: weatherTools});
        expect(generated.body.usage.input_tokens).toBe(withTools);
    });
});

describe("POST /v1/messages on scripted Qwen 3 models", () => {
    it("returns the exact text, ends on end_turn, max_tokens or the stop sequence it met", async () => {
        const done = await callAnthropic(plainServer, "/messages", {max_tokens: 64, messages: question});
        expect(done.body.content).toEqual([{type: "text", text: "Hello there, friend!", citations: null}]);
        expect(done.body.stop_reason).toBe("end_turn");
        expect(done.body.usage.output_tokens).toBe(plain.scriptTokens.length - 1);

        // (The plain script is one token: the thinking model's answer is long enough to cut.)
        const cut = await callAnthropic(thinkingServer, "/messages", {max_tokens: 3, messages: question});
        expect(cut.body).toMatchObject({stop_reason: "max_tokens", stop_sequence: null, usage: {output_tokens: 3}});

        const stopped = await callAnthropic(plainServer, "/messages", {max_tokens: 64, messages: question, stop_sequences: ["zzz", "friend"]});
        expect(stopped.body).toMatchObject({stop_reason: "stop_sequence", stop_sequence: "friend"});
        expect(texts(stopped.body)).toBe("Hello there, ");
        const streamed = await streamAnthropic(plainServer, {max_tokens: 64, messages: question, stop_sequences: ["friend"]});
        expect(streamed.events.at(-2)).toMatchObject({type: "message_delta", delta: {stop_reason: "stop_sequence", stop_sequence: "friend"}});
    });

    it("answers a thinking model with a thinking block, then the text, and counts the thinking tokens", async () => {
        const {body} = await callAnthropic(thinkingServer, "/messages", {max_tokens: 64, messages: question, thinking: {type: "enabled", budget_tokens: 1024}});
        expect(body.content.map((block) => block.type)).toEqual(["thinking", "text"]);
        expect(body.content[0]).toMatchObject({type: "thinking", thinking: "The user wants a greeting."});
        expect((body.content[0] as {signature: string}).signature).not.toBe("");
        expect(texts(body)).toBe("Hello there!");
        expect(body.usage.output_tokens).toBe(thinking.scriptTokens.length - 1);
        expect(body.usage.output_tokens_details!.thinking_tokens).toBeGreaterThan(0);
        expect(body.usage.output_tokens_details!.thinking_tokens).toBeLessThan(body.usage.output_tokens);
    });

    it("streams thinking_delta, the block's signature before its stop, then the text block", async () => {
        const {events} = await streamAnthropic(thinkingServer, {max_tokens: 64, messages: question});
        const whole = await callAnthropic(thinkingServer, "/messages", {max_tokens: 64, messages: question});
        expect(deltas(events, "thinking_delta")).toBe("The user wants a greeting.");
        expect(deltas(events, "text_delta")).toBe("Hello there!");
        const blockEvents = events.filter((event) => event.type.startsWith("content_block")).map((event) => {
            if (event.type === "content_block_delta") return `${event.index}:${event.delta.type}`;
            if (event.type === "content_block_start") return `${event.index}:start:${event.content_block.type}`;
            return `${(event as {index: number}).index}:${event.type}`;
        }).filter((entry, index, all) => entry !== all[index - 1]);
        expect(blockEvents).toEqual([
            "0:start:thinking", "0:thinking_delta", "0:signature_delta", "0:content_block_stop",
            "1:start:text", "1:text_delta", "1:content_block_stop"
        ]);
        const signature = events.find((event) => event.type === "content_block_delta" && event.delta.type === "signature_delta");
        expect(signature).toMatchObject({delta: {signature: (whole.body.content[0] as {signature: string}).signature}});
    });

    it("a thinking budget closes the thought once spent", async () => {
        const answer = async (thinking?: object) => (await callAnthropic(longThoughtServer, "/messages", {max_tokens: 64, messages: question, thinking})).body;
        const unbounded = await answer();
        expect(unbounded.content[0]).toMatchObject({type: "thinking", thinking: "One two three four five"});
        const bounded = await answer({type: "enabled", budget_tokens: 3});
        expect(bounded.usage.output_tokens_details!.thinking_tokens).toBeLessThanOrEqual(3);
        expect(bounded.usage.output_tokens_details!.thinking_tokens).toBeLessThan(unbounded.usage.output_tokens_details!.thinking_tokens);
        expect(bounded.content[0]).toMatchObject({type: "thinking", thinking: expect.not.stringContaining("five")});
    });

    it("thinking disabled switches Qwen 3's thinking off in the prompt (its template's empty think block)", async () => {
        const count = async (body: object) => (await callAnthropic<{input_tokens: number}>(thinkingServer, "/messages/count_tokens", body)).body.input_tokens;
        const auto = await count({messages: question});
        expect(await count({messages: question, thinking: {type: "enabled", budget_tokens: 2000}})).toBe(auto);
        expect(await count({messages: question, thinking: {type: "disabled"}})).toBeGreaterThan(auto);
    });

    it("native calls come back as tool_use blocks; their tool_result blocks get the answer", async () => {
        const first = await callAnthropic(callsServer, "/messages", {max_tokens: 256, messages: question, tools: weatherTools});
        expect(first.body.stop_reason).toBe("tool_use");
        const calls = first.body.content.filter((block) => block.type === "tool_use");
        expect(calls.map(({name, input}) => ({name, input}))).toEqual([
            {name: "get_weather", input: JSON.parse(weatherArguments)}, {name: "get_time", input: JSON.parse(timeArguments)}
        ]);
        expect(new Set(calls.map((call) => call.id)).size).toBe(2);

        const results = [weatherResult, timeResult];
        const second = await callAnthropic(callsServer, "/messages", {
            max_tokens: 256, tools: weatherTools,
            messages: [...question, {role: "assistant", content: first.body.content}, {
                role: "user",
                content: calls.map((call, index) => ({type: "tool_result", tool_use_id: call.id, content: index === 0 ? results[0] : [{type: "text", text: results[1]}]}))
            }]
        });
        expect(second.body.content).toEqual([{type: "text", text: answer, citations: null}]);
        expect(second.body.stop_reason).toBe("end_turn");
    });

    it("disable_parallel_tool_use stops after the first call", async () => {
        const {body} = await callAnthropic(callsServer, "/messages", {
            max_tokens: 256, messages: question, tools: weatherTools, tool_choice: {type: "auto", disable_parallel_tool_use: true}
        });
        expect(body.content.filter((block) => block.type === "tool_use").map((block) => block.name)).toEqual(["get_weather"]);
    });

    it("streams each call as a tool_use block start and input_json_delta pieces that join to its input", async () => {
        const {events} = await streamAnthropic(callsServer, {max_tokens: 256, messages: question, tools: weatherTools});
        const starts = events.filter((event) => event.type === "content_block_start").map((event) => event.content_block);
        expect(starts.map((block) => block.type === "tool_use" ? [block.name, block.input] : block.type)).toEqual([["get_weather", {}], ["get_time", {}]]);
        const pieces = (index: number) => events
            .flatMap((event) => event.type === "content_block_delta" && event.index === index && event.delta.type === "input_json_delta" ? [event.delta.partial_json] : [])
            .join("");
        expect(JSON.parse(pieces(0))).toEqual(JSON.parse(weatherArguments));
        expect(JSON.parse(pieces(1))).toEqual(JSON.parse(timeArguments));
        expect(events.at(-2)).toMatchObject({type: "message_delta", delta: {stop_reason: "tool_use"}});
    });
});

describe("bad input gets Anthropic's error object and loses nothing", () => {
    const expectError = async (body: unknown, status: number, type: string, message: RegExp) => {
        const result = await callAnthropic(server, "/messages", body);
        expect(result.status, JSON.stringify(result.body)).toBe(status);
        expect(result.body).toMatchObject({type: "error", error: {type, message: expect.stringMatching(message)}, request_id: null});
    };

    it("requires max_tokens and messages; checks ranges", async () => {
        await expectError({messages: hello}, 400, "invalid_request_error", /max_tokens/);
        await expectError({max_tokens: 8}, 400, "invalid_request_error", /messages/);
        await expectError({max_tokens: 8, messages: hello, temperature: 1.5}, 400, "invalid_request_error", /temperature/);
        await expectError({max_tokens: 0, messages: hello}, 400, "invalid_request_error", /max_tokens/);
    });

    it("refuses images and documents (text only), server tools, Anthropic-defined tools, MCP servers and containers", async () => {
        await expectError({max_tokens: 8, messages: [{role: "user", content: [{type: "image", source: {type: "base64", media_type: "image/png", data: "AAAA"}}]}]},
            400, "invalid_request_error", /messages\[0\]\.content\[0\] is of type "image"; this model only reads text/);
        await expectError({max_tokens: 8, messages: [{role: "user", content: [{type: "tool_result", tool_use_id: "t", content: [{type: "document", source: {}}]}]}]},
            400, "invalid_request_error", /content\[0\]\.content\[0\] is of type "document"/);
        await expectError({max_tokens: 8, messages: hello, tools: [{type: "web_search_20250305", name: "web_search"}]},
            400, "invalid_request_error", /server tool "web_search_20250305".*nothing leaves this machine/);
        await expectError({max_tokens: 8, messages: hello, tools: [{type: "bash_20250124", name: "bash"}]},
            400, "invalid_request_error", /describe it as a custom tool/);
        await expectError({max_tokens: 8, messages: hello, tools: [{name: "f"}]}, 400, "invalid_request_error", /tools\[0\]\.input_schema/);
        await expectError({max_tokens: 8, messages: hello, mcp_servers: [{type: "url", url: "https://example.com", name: "x"}]},
            400, "invalid_request_error", /MCP/);
        await expectError({max_tokens: 8, messages: hello, container: "container_1"}, 400, "invalid_request_error", /Containers/);
    });

    it("names a tool_choice that forces a tool it wasn't given, and a schema the grammar can't follow", async () => {
        await expectError({max_tokens: 8, messages: hello, tools: weatherTools, tool_choice: {type: "tool", name: "nope"}},
            400, "invalid_request_error", /tool_choice names "nope"/);
        await expectError({max_tokens: 8, messages: hello, tool_choice: {type: "any"}}, 400, "invalid_request_error", /tool_choice forces a call/);
        await expectError({max_tokens: 8, messages: hello, tools: [{name: "f", input_schema: {type: "object", properties: {a: {type: "string", pattern: "(?=x)"}}}}]},
            400, "invalid_request_error", /tools\[0\]\.input_schema/);
    });

    it("another model's id is a not_found_error naming the loaded one; so is an unknown route under /v1/messages", async () => {
        await expectError({model: "claude-sonnet-4-5", max_tokens: 8, messages: hello}, 404, "not_found_error", /The loaded model is "stories260K"/);
        const unknown = await fetch(`${server.baseUrl}/messages/batches`, {method: "POST", headers: anthropicHeaders(server), body: "{}"});
        expect(unknown.status).toBe(404);
        expect(await unknown.json()).toMatchObject({type: "error", error: {type: "not_found_error"}});
    });

    it("a body that isn't JSON, and a stream refused before it starts, are 400s in the same shape (not events)", async () => {
        const broken = await fetch(`${server.baseUrl}/messages`, {method: "POST", headers: anthropicHeaders(server), body: "{\"max_tokens\": "});
        expect(broken.status).toBe(400);
        expect(await broken.json()).toMatchObject({type: "error", error: {type: "invalid_request_error", message: expect.stringMatching(/not valid JSON/)}});
        const stream = await streamAnthropic(server, {messages: hello});
        expect(stream.status).toBe(400);
        expect(stream.error?.error.message).toMatch(/max_tokens/);
    });

    it("takes the key as x-api-key or Bearer; a wrong or missing one is an authentication_error", async () => {
        const send = (headers: Record<string, string>) => fetch(`${server.baseUrl}/messages/count_tokens`, {
            method: "POST", headers: {"content-type": "application/json", "anthropic-version": "2023-06-01", ...headers}, body: JSON.stringify({messages: hello})
        });
        expect((await send({"x-api-key": server.apiKey})).status).toBe(200);
        expect((await send({authorization: `Bearer ${server.apiKey}`})).status).toBe(200);
        for (const headers of [{"x-api-key": "wrong"}, {}, {"x-api-key": server.apiKey, authorization: "Bearer wrong"}] as Record<string, string>[]) {
            const response = await send(headers);
            expect(response.status).toBe(401);
            expect(await response.json()).toMatchObject({type: "error", error: {type: "authentication_error", message: expect.stringMatching(/x-api-key|Incorrect/)}});
        }
        // And the server still serves
        expect((await callAnthropic(server, "/messages", {max_tokens: 2, messages: hello})).status).toBe(200);
    });
});

describe("GET /v1/models for Anthropic's clients", () => {
    const get = (route: string, headers: Record<string, string>) => fetch(server.baseUrl + route, {headers: {"x-api-key": server.apiKey, ...headers}});

    it("answers in Anthropic's list shape when the request carries anthropic-version, in OpenAI's otherwise", async () => {
        const anthropic = await (await get("/models", {"anthropic-version": "2023-06-01"})).json();
        expect(anthropic).toMatchObject({has_more: false, first_id: "stories260K", last_id: "stories260K"});
        expect(anthropic.data).toEqual([expect.objectContaining({type: "model", id: "stories260K", display_name: "stories260K", lifecycle: "active"})]);
        expect(new Date(anthropic.data[0].created_at).toISOString()).toBe(anthropic.data[0].created_at);
        expect(anthropic.data[0].max_input_tokens).toBe(server.engine.info.contextLength);
        const openai = await (await get("/models", {})).json();
        expect(openai).toMatchObject({object: "list", data: [{id: "stories260K", object: "model"}]});
    });

    it("retrieves the model, and names another in Anthropic's error shape", async () => {
        expect(await (await get("/models/stories260K", {"anthropic-version": "2023-06-01"})).json()).toMatchObject({type: "model", id: "stories260K"});
        const missing = await get("/models/claude-local-test", {"anthropic-version": "2023-06-01"});
        expect(missing.status).toBe(404);
        expect(await missing.json()).toMatchObject({type: "error", error: {type: "not_found_error"}});
    });
});
