import {mkdtemp, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {ResponseObject, ResponseStreamEvent} from "../../../contract/index.js";
import {createQwenCallsModel, createQwenThinkingModel, qwenCalls} from "../../fixtures/gguf/scriptedFamilyModels.js";
import type {CreateScriptedModelResult} from "../../fixtures/gguf/createScriptedModel.js";
import {callApi} from "../../support/callApi.js";
import {streamApi} from "../../support/streamApi.js";
import {startTestServer, type TestServer} from "../../support/startTestServer.js";

/**
 * `POST /v1/responses` over HTTP on scripted Qwen 3 models, with exact output: reasoning and message items, parallel
 * function_call items and the function_call_output round trip, whole and as typed events; every object and event is
 * validated against OpenAI's published schema by callApi/streamApi.
 */
const {weatherArguments, timeArguments, weatherResult, timeResult, answer} = qwenCalls;
const tools = ["get_weather", "get_time"].map((name) => ({
    type: "function", name, description: `The ${name.slice(4)} in a city`,
    parameters: {type: "object", properties: {city: {type: "string"}}, required: ["city"], additionalProperties: false}, strict: true
}));
const question = "What's the weather in Paris and the time in Tokyo?";

let folder: string;
let thinking: CreateScriptedModelResult;
let thinkingServer: TestServer;
let callsServer: TestServer;

beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "tholos-responses-"));
    thinking = await createQwenThinkingModel(path.join(folder, "thinking.gguf"));
    const calls = await createQwenCallsModel(path.join(folder, "calls.gguf"));
    thinkingServer = await startTestServer({modelPath: thinking.path, sequences: 1});
    callsServer = await startTestServer({modelPath: calls.path, sequences: 1});
});
afterAll(async () => {
    await thinkingServer?.close();
    await callsServer?.close();
    await rm(folder, {recursive: true, force: true});
});

const create = (server: TestServer, body: object) => callApi<ResponseObject>(server, "/responses", {body});

describe("POST /v1/responses", () => {
    it("answers a thinking model with a reasoning item, then the message, and exact usage", async () => {
        const {status, body} = await create(thinkingServer, {input: "Say hello.", instructions: "Be kind.", max_output_tokens: 64, metadata: {run: "1"}});
        expect(status).toBe(200);
        expect(body).toMatchObject({object: "response", status: "completed", instructions: "Be kind.", incomplete_details: null, error: null, metadata: {run: "1"}});
        expect(body.id).toMatch(/^resp_/);
        expect(body.output.map((item) => item.type)).toEqual(["reasoning", "message"]);
        expect(body.output[0]).toMatchObject({type: "reasoning", summary: [], content: [{type: "reasoning_text", text: "The user wants a greeting."}], status: "completed"});
        expect(body.output[1]).toMatchObject({type: "message", role: "assistant", status: "completed",
            content: [{type: "output_text", text: "Hello there!", annotations: [], logprobs: []}]});
        expect(body.usage!.output_tokens).toBe(thinking.scriptTokens.length - 1);
        expect(body.usage!.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
        expect(body.usage!.total_tokens).toBe(body.usage!.input_tokens + body.usage!.output_tokens);
    });

    it("streams typed events in order: created, in_progress, each item added → deltas → done, completed", async () => {
        const stream = await streamApi<ResponseStreamEvent>(thinkingServer, "/responses", {input: [{role: "user", content: "Say hello."}], max_output_tokens: 64});
        expect(stream.done).toBe(true);
        const events = stream.chunks;
        expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
        const kinds = events.map((event) => event.type).filter((type, index, all) => !type.endsWith(".delta") || all[index - 1] !== type);
        expect(kinds).toEqual([
            "response.created", "response.in_progress",
            "response.output_item.added", "response.content_part.added", "response.reasoning_text.delta", "response.reasoning_text.done",
            "response.content_part.done", "response.output_item.done",
            "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.output_text.done",
            "response.content_part.done", "response.output_item.done",
            "response.completed"
        ]);
        const deltas = (type: string) => events.filter((event) => event.type === type).map((event) => (event as {delta: string}).delta).join("");
        expect(deltas("response.reasoning_text.delta")).toBe("The user wants a greeting.");
        expect(deltas("response.output_text.delta")).toBe("Hello there!");
        const completed = events.at(-1) as Extract<ResponseStreamEvent, {type: "response.completed"}>;
        expect(completed.response.output.map((item) => item.type)).toEqual(["reasoning", "message"]);
        expect(completed.response.usage!.output_tokens).toBe(thinking.scriptTokens.length - 1);
        expect((events[0] as Extract<ResponseStreamEvent, {type: "response.created"}>).response).toMatchObject({status: "in_progress", output: []});
    });

    it("include reasoning.encrypted_content gives the reasoning item its text, unencrypted, which can be sent back", async () => {
        const {body} = await create(thinkingServer, {input: "Say hello.", include: ["reasoning.encrypted_content"], store: false, max_output_tokens: 64});
        expect(body.output[0]).toMatchObject({type: "reasoning", encrypted_content: "The user wants a greeting."});
        const stream = await streamApi<ResponseStreamEvent>(thinkingServer, "/responses", {input: "Say hello.", include: ["reasoning.encrypted_content"], max_output_tokens: 64});
        const done = stream.chunks.find((event) => event.type === "response.output_item.done");
        expect(done).toMatchObject({item: {type: "reasoning", encrypted_content: "The user wants a greeting."}});
        const next = await create(thinkingServer, {input: [{role: "user", content: "Say hello."}, ...body.output, {role: "user", content: "Again."}], max_output_tokens: 64});
        expect(next.status).toBe(200);
        expect(next.body.output.at(-1)).toMatchObject({type: "message", content: [{text: "Hello there!"}]});
    });

    it("reports max_output_tokens cutting the answer as incomplete", async () => {
        const {body} = await create(thinkingServer, {input: "Say hello.", max_output_tokens: 4});
        expect(body).toMatchObject({status: "incomplete", incomplete_details: {reason: "max_output_tokens"}});
        expect(body.usage!.output_tokens).toBe(4);
        const stream = await streamApi<ResponseStreamEvent>(thinkingServer, "/responses", {input: "Say hello.", max_output_tokens: 4});
        expect(stream.chunks.at(-1)!.type).toBe("response.incomplete");
    });

    it("returns two function_call items, then answers the round trip with function_call_output items", async () => {
        const {body} = await create(callsServer, {input: question, tools, max_output_tokens: 256});
        const calls = body.output.filter((item) => item.type === "function_call");
        expect(body.output.map((item) => item.type)).toEqual(["function_call", "function_call"]);
        expect(calls.map(({name, arguments: args, status}) => ({name, args, status}))).toEqual([
            {name: "get_weather", args: weatherArguments, status: "completed"},
            {name: "get_time", args: timeArguments, status: "completed"}
        ]);
        expect(calls.every((call) => call.id.startsWith("fc_") && call.call_id.startsWith("call_"))).toBe(true);

        const followUp = await create(callsServer, {
            input: [
                {role: "user", content: question}, ...calls,
                {type: "function_call_output", call_id: calls[1]!.call_id, output: timeResult},
                {type: "function_call_output", call_id: calls[0]!.call_id, output: weatherResult}
            ],
            tools, max_output_tokens: 128
        });
        expect(followUp.body.output).toMatchObject([{type: "message", content: [{type: "output_text", text: answer}]}]);
    });

    it("streams function calls as items with argument deltas", async () => {
        const stream = await streamApi<ResponseStreamEvent>(callsServer, "/responses", {input: question, tools, max_output_tokens: 256});
        const added = stream.chunks.filter((event) => event.type === "response.output_item.added");
        expect(added.map((event) => (event as {item: {type: string, name: string, arguments: string}}).item))
            .toMatchObject([{type: "function_call", name: "get_weather", arguments: ""}, {type: "function_call", name: "get_time", arguments: ""}]);
        for (const [index, args] of [weatherArguments, timeArguments].entries()) {
            const own = stream.chunks.filter((event) => "output_index" in event && event.output_index === index);
            const deltas = own.filter((event) => event.type === "response.function_call_arguments.delta").map((event) => (event as {delta: string}).delta);
            expect(deltas.join("")).toBe(args);
            expect(own.find((event) => event.type === "response.function_call_arguments.done")).toMatchObject({arguments: args});
        }
    });

    it("tool_choice required and a named function force calls; text.format json_schema constrains the message", async () => {
        const {body} = await create(callsServer, {input: question, tools, tool_choice: {type: "function", name: "get_time"}, max_output_tokens: 256});
        expect(body.output).toMatchObject([{type: "function_call", name: "get_time"}]);
        const json = await create(thinkingServer, {
            input: "Say hello.", max_output_tokens: 200,
            text: {format: {type: "json_schema", name: "greeting", schema: {type: "object", properties: {text: {type: "string", maxLength: 12}}, required: ["text"]}}}
        });
        expect(json.status).toBe(200);
        expect(json.body.text.format.type).toBe("json_schema");
    });

    it("takes reasoning.effort as chat takes reasoning_effort (none switches Qwen 3's thinking off)", async () => {
        const promptTokens = async (effort?: string) =>
            (await create(thinkingServer, {input: "Say hello.", max_output_tokens: 64, ...(effort == null ? {} : {reasoning: {effort}})})).body.usage!.input_tokens;
        expect(await promptTokens("none")).toBeGreaterThan(await promptTokens());
    });

    it("refuses another model's id with a 404, as chat does", async () => {
        const {status, body} = await callApi<{error: {code: string}}>(thinkingServer, "/responses", {body: {model: "gpt-4o", input: "Hi"}});
        expect(status).toBe(404);
        expect(body.error.code).toBe("model_not_found");
    });
});

describe("stored responses: previous_response_id, GET, DELETE, input_items — across a restart", () => {
    it("chains three turns over a server restart; each turn's prompt is the stored conversation plus its input", async () => {
        const dataDir = await mkdtemp(path.join(os.tmpdir(), "tholos-responses-data-"));
        try {
            let server = await startTestServer({modelPath: thinking.path, sequences: 1, responsesDir: dataDir});
            const first = (await create(server, {input: "Turn one.", max_output_tokens: 64})).body;
            expect(first.store).toBe(true);
            await server.close();

            // A new server on the same data dir: the first response is still there
            server = await startTestServer({modelPath: thinking.path, sequences: 1, responsesDir: dataDir});
            try {
                expect((await callApi<ResponseObject>(server, `/responses/${first.id}`)).body).toEqual(first);
                const second = (await create(server, {previous_response_id: first.id, input: "Turn two.", max_output_tokens: 64})).body;
                expect(second.previous_response_id).toBe(first.id);
                const third = (await create(server, {previous_response_id: second.id, input: [{role: "user", content: "Turn three."}], max_output_tokens: 64})).body;

                // The same conversation sent whole gives the same prompt: the chain put both earlier turns before it
                const asked = (text: string) => ({role: "user", content: text});
                const whole = (await create(server, {
                    input: [asked("Turn one."), ...first.output, asked("Turn two."), ...second.output, asked("Turn three.")],
                    max_output_tokens: 64, store: false
                })).body;
                expect(third.usage!.input_tokens).toBe(whole.usage!.input_tokens);
                expect(third.usage!.input_tokens).toBeGreaterThan(second.usage!.input_tokens);
                // store: false kept nothing
                expect((await callApi(server, `/responses/${whole.id}`)).status).toBe(404);

                type InputItemList = {
                    object: string, data: {id: string, role: string, content: {text: string}[]}[], has_more: boolean, first_id: string
                };
                const items = await callApi<InputItemList>(server, `/responses/${third.id}/input_items`);
                expect(items.body).toMatchObject({object: "list", has_more: false});
                expect(items.body.data.map((item) => [item.role, item.content[0]!.text])).toEqual([["user", "Turn three."]]);
                expect(items.body.first_id).toMatch(/^msg_/);

                expect((await callApi(server, `/responses/${second.id}`, {method: "DELETE"})).body).toEqual({id: second.id, object: "response", deleted: true});
                const gone = await callApi<{error: {code: string, param: string}}>(server, `/responses/${second.id}`);
                expect(gone.status).toBe(404);
                expect(gone.body.error).toMatchObject({code: "response_not_found", param: "response_id"});
                const continued = await callApi<{error: {code: string}}>(server, "/responses", {body: {previous_response_id: second.id, input: "Again."}});
                expect(continued.status).toBe(404);
            } finally {
                await server.close();
            }
        } finally {
            await rm(dataDir, {recursive: true, force: true});
        }
    });

    it("a continued conversation isn't read again: turn 10 evaluates only what turn 9 didn't hold", async () => {
        let previous: ResponseObject | null = null;
        const evaluated: number[] = [];
        for (let turn = 1; turn <= 10; turn++) {
            const {body}: {body: ResponseObject} = await create(thinkingServer, {
                input: "Go on.", max_output_tokens: 64, ...(previous == null ? {} : {previous_response_id: previous.id})
            });
            if (previous != null) {
                // The one sequence still holds the last prompt (its answer re-renders differently), so all of it is reused
                expect(body.usage!.input_tokens_details.cached_tokens, `turn ${turn}`).toBe(previous.usage!.input_tokens);
                evaluated.push(body.usage!.input_tokens - body.usage!.input_tokens_details.cached_tokens);
            }
            previous = body;
        }
        // Every turn reads the same few tokens (the last answer as the template renders it, and the new question),
        // however long the conversation has grown
        expect(new Set(evaluated).size).toBe(1);
        expect(previous!.usage!.input_tokens).toBeGreaterThan(8 * evaluated[0]!);
    });

    it("input_items pages in either order with after and limit", async () => {
        const conversation = ["one", "two", "three"].map((text) => ({role: "user", content: text}));
        const {body} = await create(thinkingServer, {input: conversation, max_output_tokens: 64});
        type Page = {data: {id: string, content: {text: string}[]}[], has_more: boolean, last_id: string};
        const page = async (query: string) => (await callApi<Page>(thinkingServer, `/responses/${body.id}/input_items?${query}`)).body;
        const texts = (p: Page) => p.data.map((item) => item.content[0]!.text);
        expect(texts(await page(""))).toEqual(["three", "two", "one"]);
        const firstPage = await page("order=asc&limit=2");
        expect([texts(firstPage), firstPage.has_more]).toEqual([["one", "two"], true]);
        const rest = await page(`order=asc&limit=2&after=${firstPage.last_id}`);
        expect([texts(rest), rest.has_more]).toEqual([["three"], false]);
    });
});
