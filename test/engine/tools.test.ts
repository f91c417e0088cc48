import {Ajv} from "ajv";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateChatCompletionResponse, CreateChatCompletionStreamResponse, ErrorResponse} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {streamApi} from "../support/streamApi.js";
import {streamedToolCalls} from "../support/chatDeltas.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

let server: TestServer;
beforeAll(async () => {
    server = await startTestServer();
});
afterAll(async () => {
    await server?.close();
});

const messages = [{role: "user", content: "What is the weather in Paris?"}];

/** String lengths are capped so a 260K-parameter model, which rambles inside strings, finishes the call. */
const weatherParameters = {
    type: "object",
    properties: {
        city: {type: "string", maxLength: 20},
        days: {type: "integer"},
        unit: {enum: ["celsius", "fahrenheit"]}
    },
    required: ["city", "days", "unit"],
    additionalProperties: false
};
const tools = [
    {type: "function", function: {name: "get_weather", description: "The forecast for a city", parameters: weatherParameters}},
    {type: "function", function: {name: "get_time", description: "The time in a city", parameters: {type: "object", properties: {city: {type: "string", maxLength: 20}}, required: ["city"]}}}
];
const validateWeather = new Ajv().compile(weatherParameters);

const chat = (body: object) => callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {messages, tools, max_tokens: 300, ...body}});

describe("forced tool calls", () => {
    it.each([0, 1, 2])("calls a function when tool_choice is required (seed %i)", async (seed) => {
        const {body} = await chat({seed, tool_choice: "required"});
        const choice = body.choices[0]!;
        expect(choice.finish_reason).toBe("tool_calls");
        expect(choice.message.content).toBeNull();
        expect(choice.message.tool_calls).toHaveLength(1);
        const call = choice.message.tool_calls![0]!;
        expect(call.id).toMatch(/^call_/);
        expect(["get_weather", "get_time"]).toContain(call.function.name);
        expect(JSON.parse(call.function.arguments)).toBeTypeOf("object");
    });

    it.each([0, 1, 2, 3])("calls the named function with arguments that match its parameters (seed %i)", async (seed) => {
        const {body} = await chat({seed, tool_choice: {type: "function", function: {name: "get_weather"}}});
        const choice = body.choices[0]!;
        expect(choice.finish_reason).toBe("tool_calls");
        expect(choice.message.content).toBeNull();
        const call = choice.message.tool_calls![0]!;
        expect(call.function.name).toBe("get_weather");
        const args: unknown = JSON.parse(call.function.arguments);
        expect(validateWeather(args), JSON.stringify(validateWeather.errors)).toBe(true);
    });

    it("streams the call as tool_calls deltas (id and name, then the arguments) and ends with finish_reason tool_calls", async () => {
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions",
            {messages, tools, max_tokens: 300, seed: 5, tool_choice: {type: "function", function: {name: "get_weather"}}});
        expect(stream.done).toBe(true);
        const deltas = streamedToolCalls(stream.chunks);
        expect(deltas[0]).toMatchObject({index: 0, type: "function", function: {name: "get_weather", arguments: ""}});
        expect(deltas[0]!.id).toMatch(/^call_/);
        expect(deltas.slice(1).every((delta) => delta.index === 0 && delta.id == null && delta.function.name == null)).toBe(true);
        expect(validateWeather(JSON.parse(deltas.map((delta) => delta.function.arguments).join("")))).toBe(true);
        expect(stream.chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("");
        expect(stream.chunks.at(-1)!.choices[0]!.finish_reason).toBe("tool_calls");
    });

    it("reports length and no call when max_tokens cuts the call short", async () => {
        const {body} = await chat({max_tokens: 5, tool_choice: "required"});
        expect(body.choices[0]!.finish_reason).toBe("length");
        expect(body.choices[0]!.message.tool_calls).toBeUndefined();
        expect(body.usage.completion_tokens).toBe(5);
        // Regression: the half-written internal call wrapper (`{"name": "get_weather", …`) came back as the content.
        expect(body.choices[0]!.message.content ?? "").toBe("");
    });

    it("streams nothing of a forced call cut short by max_tokens", async () => {
        const stream = await streamApi<CreateChatCompletionStreamResponse>(server, "/chat/completions",
            {messages, tools, tool_choice: {type: "function", function: {name: "get_weather"}}, max_tokens: 12});
        expect(stream.done).toBe(true);
        const deltas = stream.chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta));
        expect(deltas.map((delta) => delta.content ?? "").join("")).toBe("");
        expect(deltas.some((delta) => delta.tool_calls != null)).toBe(false);
        expect(stream.chunks.at(-1)!.choices[0]!.finish_reason).toBe("length");
    });

    it("refuses a named function that is not among the tools", async () => {
        const {status, body} = await callApi<ErrorResponse>(server, "/chat/completions",
            {body: {messages, tools, tool_choice: {type: "function", function: {name: "nope"}}}});
        expect(status).toBe(400);
        expect(body.error.param).toBe("tool_choice");
    });

    it("refuses parameters the grammar can't enforce, naming the tool", async () => {
        const {status, body} = await callApi<ErrorResponse>(server, "/chat/completions", {body: {
            messages,
            tool_choice: "required",
            tools: [tools[1], {type: "function", function: {name: "f", parameters: {type: "object", properties: {n: {not: {type: "integer"}}}}}}]
        }});
        expect(status).toBe(400);
        expect(body.error.param).toBe("tools[1].function.parameters");
    });
});

describe("conversations with tools", () => {
    it("continues after a tool result", async () => {
        const call = (await chat({seed: 1, tool_choice: {type: "function", function: {name: "get_weather"}}})).body.choices[0]!.message.tool_calls![0]!;
        const {status, body} = await callApi<CreateChatCompletionResponse>(server, "/chat/completions", {body: {
            tools,
            max_tokens: 10,
            messages: [
                ...messages,
                {role: "assistant", content: null, tool_calls: [call]},
                {role: "tool", tool_call_id: call.id, content: "{\"forecast\": \"sunny\"}"}
            ]
        }});
        expect(status).toBe(200);
        expect(body.choices).toHaveLength(1);
    });

    it("answers in text when tool_choice is none", async () => {
        const {body} = await chat({max_tokens: 10, tool_choice: "none"});
        expect(body.choices[0]!.message.tool_calls).toBeUndefined();
        expect(body.choices[0]!.message.content).toBeTypeOf("string");
        expect(body.choices[0]!.finish_reason).toBe("length");
    });

    it("answers in a valid shape when the model may choose (tool_choice auto)", async () => {
        for (const seed of [1, 2]) {
            const {body} = await chat({seed, max_tokens: 60, tool_choice: "auto"});
            const choice = body.choices[0]!;
            if (choice.message.tool_calls != null) {
                expect(choice.finish_reason).toBe("tool_calls");
                for (const call of choice.message.tool_calls) JSON.parse(call.function.arguments);
            } else {
                expect(["stop", "length"]).toContain(choice.finish_reason);
            }
        }
    });
});
