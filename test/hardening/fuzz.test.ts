import fc from "fast-check";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {validateAgainstOpenAi} from "../support/openAiSchemaValidator.js";
import {sendRaw, type RawResponse} from "./utils/sendRaw.js";
import {contractRequests} from "../support/contractRequests.js";
import {validateErrorBody} from "../support/validateErrorBody.js";

// Property tests over every route of a real server on the real model: whatever arrives, the answer is a success or
// an OpenAI-shaped 4xx — never a 5xx — and the server still serves afterwards (SPEC §5 "bad input of any kind").
let server: TestServer;
let port: number;
let casesRun = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
    server = await startTestServer();
    port = Number(new URL(server.origin).port);
});
afterAll(async () => {
    console.log(`fuzz: ${casesRun} requests sent; answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
    await server?.close();
});

const generating = ["/v1/chat/completions", "/v1/completions"] as const;
const postPaths = [...generating, "/v1/embeddings", "/v1/responses", "/v1/messages", "/v1/messages/count_tokens"] as const;
const getPaths = ["/v1/models", "/v1/models/stories260K", "/v1/models/other", "/v1/responses/x", "/v1/responses/x/input_items", "/openapi.json", "/docs"] as const;

test("sends to every route of the contract (a new route needs its body template here)", () => {
    for (const {method, path} of contractRequests())
        expect((method === "POST" ? postPaths : getPaths) as readonly string[], `${method} ${path}`).toContain(path);
});

type Request = {method: string, path: string, headers?: Record<string, string | null>, body?: string | Uint8Array};

/** The answer, with the path it answers (whose protocol decides the error shape). */
type Answer = RawResponse & {path?: string};

async function send(request: Request): Promise<Answer> {
    const headers: Record<string, string | null> = {
        host: `127.0.0.1:${port}`,
        authorization: `Bearer ${server.apiKey}`,
        "content-type": "application/json",
        ...request.headers
    };
    const body = request.body == null ? undefined : Buffer.from(request.body);
    if (body != null && !("content-length" in (request.headers ?? {}))) headers["content-length"] = String(body.length);
    const head = [`${request.method} ${request.path} HTTP/1.1`, ...Object.entries(headers)
        .filter((entry): entry is [string, string] => entry[1] != null)
        .map(([name, value]) => `${name}: ${value}`)].join("\r\n");
    casesRun++;
    return {...await sendRaw({port, head, body}), path: request.path};
}

/**
 * A success the route may give, or a 4xx in its protocol's error shape (Anthropic's on its routes, OpenAI's
 * elsewhere); anything else fails the property with the answer shown.
 */
function expectSound(response: Answer, what: string) {
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    const context = `${what} → ${response.status} ${response.body.slice(0, 300)}`;
    expect(response.status, context).toBeGreaterThanOrEqual(200);
    expect(response.status, context).toBeLessThan(500);
    if (response.status >= 400) {
        expect(response.headers["content-type"], context).toMatch(/^application\/json/);
        validateErrorBody({path: response.path ?? "/v1/chat/completions"}, JSON.parse(response.body));
        return;
    }
    if (/^text\/event-stream/.test(response.headers["content-type"] ?? "")) {
        // A stream that fails late ends with an error event, not a 5xx; either way it is closed by [DONE] or an error
        // (typed streams: by their response's last event or an `error` event).
        expect(response.body, context).toMatch(/data: (\[DONE\]|\{"error")|event: (response\.completed|response\.incomplete|message_stop|error)\ndata: [^\n]*\n\n$/);
        return;
    }
    if (/^application\/json/.test(response.headers["content-type"] ?? "")) JSON.parse(response.body);
}

/** Each generating route's token limit fields; the first is the one a body without a limit gets. */
const limitFields: Partial<Record<string, readonly string[]>> = {
    "/v1/chat/completions": ["max_tokens", "max_completion_tokens"],
    "/v1/completions": ["max_tokens"],
    "/v1/responses": ["max_output_tokens"],
    "/v1/messages": ["max_tokens"]
};

/**
 * Generation capped so a fuzzed valid request takes a moment: any valid token limit becomes at most 3, and a body
 * with none gets 3 in its route's own field (a Responses body without `max_output_tokens` would otherwise write
 * until the model stops or the context is full).
 */
function capTokens(path: string, body: unknown): unknown {
    if (typeof body !== "object" || body == null || Array.isArray(body)) return body;
    const record = body as Record<string, unknown>;
    const capped = {...record};
    const fields = limitFields[path] ?? ["max_tokens"];
    for (const field of ["max_tokens", "max_completion_tokens", "max_output_tokens"]) {
        const value = record[field];
        if (typeof value === "number" && Number.isInteger(value) && value >= 1) capped[field] = Math.min(value, 3);
    }
    if (fields.every((field) => capped[field] == null)) capped[fields[0]!] = 3;
    return capped;
}

const oddString = fc.oneof(
    fc.string({unit: "binary", maxLength: 40}),
    fc.constantFrom("\ud800", "\udfff", "a\ud800b", "\u0000", "nul\u0000inside", "\u202e\u200b\ufeff", "💥".repeat(50), "\\", "</s>", "<|im_start|>", "")
);
const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 1e-320, -0, 4294967297, 0.5, 2 ** 31);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
    {depthSize: "small"},
    fc.jsonValue({maxDepth: 3}),
    oddString,
    hugeNumber,
    fc.constant(null),
    fc.array(oddString, {maxLength: 4})
);
const message = fc.record({
    role: fc.oneof(fc.constantFrom("system", "developer", "user", "assistant", "tool"), oddString),
    content: fc.oneof(oddString, fc.array(fc.record({type: fc.constantFrom("text", "image_url"), text: oddString}), {maxLength: 3}), anyValue)
}, {requiredKeys: []});

const anthropicBlock = fc.record({
    type: fc.oneof(fc.constantFrom("text", "tool_use", "tool_result", "thinking", "redacted_thinking", "image", "document", "web_search_tool_result"), oddString),
    text: oddString, id: oddString, name: oddString, input: anyValue, tool_use_id: oddString, is_error: fc.boolean(), thinking: oddString,
    content: fc.oneof(oddString, fc.array(fc.record({type: fc.constantFrom("text", "image"), text: oddString}), {maxLength: 2}), anyValue),
    cache_control: fc.constantFrom({type: "ephemeral"}, {type: "ephemeral", ttl: "1h"}, null, "x")
}, {requiredKeys: ["type"]});
const anthropicMessage = fc.record({
    role: fc.oneof(fc.constantFrom("user", "assistant", "system"), oddString),
    content: fc.oneof(oddString, fc.array(anthropicBlock, {maxLength: 3}), anyValue)
}, {requiredKeys: []});
const anthropicMessages = fc.oneof(fc.array(anthropicMessage, {minLength: 1, maxLength: 3}), anyValue);

const templates: Record<(typeof postPaths)[number], fc.Arbitrary<Record<string, unknown>>> = {
    "/v1/chat/completions": fc.record({messages: fc.oneof(fc.array(message, {minLength: 1, maxLength: 3}), anyValue)}),
    "/v1/completions": fc.record({prompt: fc.oneof(oddString, fc.array(oddString, {maxLength: 3}), fc.array(fc.nat({max: 600}), {minLength: 1, maxLength: 5}), anyValue)}),
    "/v1/embeddings": fc.record({input: fc.oneof(oddString, fc.array(oddString, {minLength: 1, maxLength: 3}), fc.array(fc.nat({max: 600}), {minLength: 1, maxLength: 5}), anyValue)}),
    "/v1/responses": fc.record({
        input: fc.oneof(oddString, fc.array(fc.oneof(message,
            fc.record({type: fc.constantFrom("function_call", "function_call_output", "reasoning", "message", "item_reference"), call_id: oddString, name: oddString,
                arguments: oddString, output: fc.oneof(oddString, anyValue)}, {requiredKeys: ["type"]})), {minLength: 1, maxLength: 3}), anyValue),
        max_output_tokens: fc.constantFrom(1, 3, 0, -1, 1e308)
    }, {requiredKeys: ["input"]}),
    "/v1/messages": fc.record({messages: anthropicMessages, system: fc.oneof(oddString, fc.array(anthropicBlock, {maxLength: 2}), anyValue)}, {requiredKeys: ["messages"]}),
    "/v1/messages/count_tokens": fc.record({messages: anthropicMessages, tools: fc.oneof(anyValue, fc.constant([{name: "f", input_schema: {type: "object"}}]))}, {requiredKeys: ["messages"]})
};
const fieldNames = ["model", "stream", "stream_options", "max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "seed",
    "presence_penalty", "frequency_penalty", "logit_bias", "n", "best_of", "echo", "suffix", "logprobs", "top_logprobs", "response_format",
    "tools", "tool_choice", "parallel_tool_calls", "user", "dimensions", "encoding_format", "__proto__", "constructor", "messages", "prompt", "input",
    "instructions", "max_output_tokens", "text", "reasoning", "include", "previous_response_id", "store", "background", "truncation", "metadata",
    "system", "stop_sequences", "top_k", "thinking", "output_config", "mcp_servers", "container"];
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
    anyValue,
    fc.boolean(),
    fc.constantFrom(
        {type: "json_object"}, {type: "json_schema", json_schema: {name: "x", schema: {type: "object", properties: {a: {type: "integer"}}}}},
        {type: "json_schema", json_schema: {name: "x", schema: {$ref: "#/nope"}}}, {type: "json_schema", json_schema: {name: "x", schema: {type: "array", items: {anyOf: []}}}},
        [{type: "function", function: {name: "f", parameters: {type: "object", properties: {q: {type: "string", pattern: "^(a+)+$"}}}}}],
        [{type: "function", function: {name: "f", parameters: {type: "nonsense"}}}],
        {include_usage: true}, {"1": -100, "99999999": 100}, "float", "base64", "auto", "required", {type: "function", function: {name: "missing"}},
        {format: {type: "json_schema", name: "x", schema: {type: "object"}}}, {effort: "high"}, ["reasoning.encrypted_content"],
        [{type: "web_search"}], [{type: "function", name: "f", parameters: {type: "object"}}], {type: "function", name: "missing"},
        {type: "any"}, {type: "tool", name: "missing"}, {type: "auto", disable_parallel_tool_use: true}, {type: "enabled", budget_tokens: 1024},
        {type: "disabled"}, [{name: "f", input_schema: {type: "object", properties: {a: {type: "integer"}}}}],
        [{type: "web_search_20250305", name: "web_search"}], {format: {type: "json_schema", schema: {type: "object"}}}, {effort: "max"})
);
/** A plausible body for the route with random fields set to random values, as JSON text. */
const mutatedBody = (path: (typeof postPaths)[number]) => fc
    .tuple(templates[path], fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), oddString), fieldValue, {maxKeys: 4}))
    .map(([base, extra]) => JSON.stringify(capTokens(path, {...base, ...extra})));

const run = {numRuns: 0, endOnFailure: true};
const runs = (n: number) => ({...run, numRuns: n});

describe("fuzzed requests get a success or an OpenAI-shaped 4xx, never a 5xx", {timeout: 120_000}, () => {
    test.each(postPaths)("random fields and values on %s", async (path) => {
        await fc.assert(fc.asyncProperty(mutatedBody(path), async (body) => {
            expectSound(await send({method: "POST", path, body}), `POST ${path} ${body.slice(0, 300)}`);
        }), runs(path === "/v1/completions" ? 100 : 150));
    });

    test("valid requests with random sampling parameters, in range and just out of it", async () => {
        // Mostly in range (so the engine really samples with them), now and then just out of it.
        const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) =>
            fc.oneof({weight: 19, arbitrary: valid}, {weight: 1, arbitrary: invalid});
        const sampling = fc.record({
            temperature: mostly(fc.double({min: 0, max: 2, noNaN: true}), fc.constantFrom(-0.001, 2.001)),
            top_p: mostly(fc.double({min: 0, max: 1, noNaN: true}), fc.constant(1.0001)),
            presence_penalty: mostly(fc.double({min: -2, max: 2, noNaN: true}), fc.constant(-2.1)),
            frequency_penalty: mostly(fc.double({min: -2, max: 2, noNaN: true}), fc.constant(2.1)),
            seed: fc.oneof(fc.integer(), fc.constantFrom(2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 32, -1)),
            stop: mostly(fc.oneof(oddString, fc.array(oddString, {maxLength: 4})), fc.array(fc.string(), {minLength: 17, maxLength: 17})),
            logit_bias: mostly(fc.dictionary(fc.nat({max: 600}).map(String), fc.double({min: -100, max: 100, noNaN: true}), {maxKeys: 4}),
                fc.dictionary(fc.constantFrom("-1", "99999999", "1e3", "abc", ""), fc.double({min: -101, max: 101, noNaN: true}), {minKeys: 1, maxKeys: 2})),
            n: mostly(fc.constant(1), fc.constant(2)),
            max_tokens: fc.integer({min: 1, max: 3}),
            stream: fc.boolean(),
            echo: fc.boolean(),
            response_format: fc.constantFrom({type: "text"}, {type: "json_object"}),
            user: oddString
        }, {requiredKeys: ["max_tokens"]}).map((params) => params.stream === true ? {...params, stream_options: {include_usage: true}} : params);
        await fc.assert(fc.asyncProperty(fc.constantFrom(...generating), oddString, sampling, async (path, text, params) => {
            const {echo, ...chatParams} = params;
            const body = JSON.stringify(path === "/v1/chat/completions"
                ? {messages: [{role: "system", content: "Be brief."}, {role: "user", content: text || "hi"}], ...chatParams}
                : {prompt: text, ...params});
            expectSound(await send({method: "POST", path, body}), `POST ${path} ${body.slice(0, 400)}`);
        }), runs(200));
    });

    test("random JSON values and random text as the body", async () => {
        const body = fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), fc.string({unit: "binary", maxLength: 200}), oddString,
            fc.uint8Array({maxLength: 200}));
        await fc.assert(fc.asyncProperty(fc.constantFrom(...postPaths), body, async (path, body) => {
            expectSound(await send({method: "POST", path, body}), `POST ${path} ${String(body).slice(0, 200)}`);
        }), runs(300));
    });

    test("deep nesting, huge numbers and lone surrogates in JSON text", async () => {
        const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
        const deepObject = (n: number) => '{"a":'.repeat(n) + "1" + "}".repeat(n);
        const bodies = [
            deep(10_000), deepObject(10_000), `{"messages":${deep(10_000)}}`, `{"prompt":${deep(5_000)},"max_tokens":1}`,
            `{"input":${deepObject(10_000)}}`, `{"messages":[{"role":"user","content":"hi"}],"max_tokens":1e999}`,
            `{"messages":[{"role":"user","content":"hi"}],"max_tokens":1,"seed":123456789012345678901234567890}`,
            `{"messages":[{"role":"user","content":"hi"}],"max_tokens":1,"temperature":-0}`,
            `{"messages":[{"role":"user","content":"\\ud800\\udfff\\ud800"}],"max_tokens":1}`,
            `{"prompt":"\\u0000\\ud83d","max_tokens":1}`, `{"input":"\\udc00"}`,
            `{"messages":[{"role":"user","content":"hi"}],"max_tokens":1,"__proto__":{"admin":true}}`,
            `{"messages":[{"role":"user","content":"hi"}],"max_tokens":1,"constructor":{"prototype":{"x":1}}}`,
            `{"messages":[{"role":"user","content":"hi"}],"max_tokens":1,"max_tokens":2}`,
            `{"input":[${"1,".repeat(20_000)}1]}`, `{"input":${JSON.stringify(Array(2049).fill("a"))}}`,
            `{"prompt":[[${"0,".repeat(5000)}0]],"max_tokens":1}`, "\ufeff{}", "{}".repeat(1000), "nul\u0000"
        ];
        for (const path of postPaths)
            for (const body of bodies) expectSound(await send({method: "POST", path, body}), `POST ${path} ${body.slice(0, 100)}`);
    });

    test("wrong, odd and missing content types", async () => {
        const contentType = fc.oneof(fc.constantFrom(null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=utf-16", "application/json; charset=latin1", "application/xml", "a/b/c", ";;;", "application/json, text/plain",
            "application/JSON", "application/vnd.api+json", "*/*", "\t"), fc.string({unit: "grapheme-ascii", maxLength: 30}));
        const body = fc.oneof(fc.constant(JSON.stringify({messages: [{role: "user", content: "hi"}], prompt: "hi", input: "hi", max_tokens: 2})),
            fc.constant("a=1&b=2"), fc.constant("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--"), fc.constant(""), oddString);
        await fc.assert(fc.asyncProperty(fc.constantFrom(...postPaths), contentType, body, async (path, contentType, body) => {
            expectSound(await send({method: "POST", path, body, headers: {"content-type": contentType}}), `POST ${path} as ${contentType}: ${body.slice(0, 100)}`);
        }), runs(150));
    });

    test("random methods, paths and query strings", async () => {
        const method = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE");
        const path = fc.oneof(fc.constantFrom(...getPaths, ...postPaths),
            fc.constantFrom("/v1/models/%", "/v1/models/%E0%A4%A", "/v1/models/%00", "/v1/../v1/models", "//v1/models", "/v1/models?x=%zz",
                "/v1/models/" + "a".repeat(5000), "/v1/models/%F0%9F%92%A5", "/v1/models/..%2F..%2Fetc%2Fpasswd", "/v1/chat/completions?stream=true",
                "/openapi.json?%", "/docs/"),
            fc.webPath().map((path) => path || "/"));
        await fc.assert(fc.asyncProperty(method, path, fc.option(fc.constant('{"input":"hi","prompt":"hi","max_tokens":1}')), async (method, path, body) => {
            const response = await send({method, path, body: body ?? undefined});
            if (method === "HEAD") {
                expect(response.status, `HEAD ${path}`).toBeLessThan(500);
                return;
            }
            expectSound(response, `${method} ${path}`);
        }), runs(200));
    });

    test("duplicate and malformed headers (raw HTTP)", async () => {
        const chat = JSON.stringify({messages: [{role: "user", content: "hi"}], max_tokens: 2});
        const good = (extra: string) => `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extra}`;
        const auth = `Authorization: Bearer ${server.apiKey}`;
        const length = `Content-Length: ${Buffer.byteLength(chat)}`;
        const heads = [
            good(`${auth}\r\n${auth}\r\nContent-Type: application/json\r\n${length}`),
            good(`${auth}\r\nAuthorization: Bearer wrong\r\nContent-Type: application/json\r\n${length}`),
            good(`Authorization: Bearer wrong\r\n${auth}\r\nContent-Type: application/json\r\n${length}`),
            good(`${auth}\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\n${length}`),
            good(`${auth}\r\nContent-Type: application/json\r\n${length}\r\n${length}`),
            good(`${auth}\r\nContent-Type: application/json\r\n${length}\r\nContent-Length: 3`),
            good(`${auth}\r\nContent-Type: application/json\r\nContent-Length: -1`),
            good(`${auth}\r\nContent-Type: application/json\r\nContent-Length: 99999999999999999999`),
            good(`${auth}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n${length}`),
            good(`${auth}\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip`),
            good(`${auth}\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n${length}`),
            good(`${auth}\r\nContent-Type: application/json\r\nContent-Encoding: br\r\n${length}`),
            `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost: evil.example\r\n${auth}\r\nContent-Type: application/json\r\n${length}`,
            `POST /v1/chat/completions HTTP/1.1\r\nHost: evil.example\r\nHost: 127.0.0.1:${port}\r\n${auth}\r\nContent-Type: application/json\r\n${length}`,
            good(`${auth}\r\nContent-Type: application/json\r\n${length}\r\nX-Bad\u0000: 1`),
            good(`${auth}\r\nContent-Type: application/json\r\n${length}\r\nNo colon here`),
            good(`${auth}\r\nContent-Type: application/json\r\n${length}\r\n X-Folded: continued`),
            good(`${auth}\r\nContent-Type: application/json\r\n${length}\r\nX-Huge: ${"a".repeat(20_000)}`),
            good(`${auth}\r\nContent-Type: application/json\r\n${length}\r\n${Array.from({length: 3000}, (_, i) => `X-${i}: 1`).join("\r\n")}`),
            `POST /v1/chat/completions HTTP/9.9\r\nHost: 127.0.0.1:${port}\r\n${auth}\r\nContent-Type: application/json\r\n${length}`,
            `GARBAGE\r\nHost: 127.0.0.1:${port}`,
            `GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${server.apiKey}\u00e9`,
            `GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: ${"Bearer ".repeat(1000)}`
        ];
        for (const head of heads) {
            casesRun++;
            const response = await sendRaw({port, head, body: chat});
            expectSound(response, JSON.stringify(head.slice(0, 200)));
        }
    });
});

test("the server still serves after the fuzzing, with every sequence free", async () => {
    const response = await send({method: "POST", path: "/v1/chat/completions", body: JSON.stringify({messages: [{role: "user", content: "Once"}], max_tokens: 3})});
    expect(response.status).toBe(200);
    validateAgainstOpenAi("CreateChatCompletionResponse", JSON.parse(response.body));
    expect(server.engine.load).toMatchObject({free: server.engine.load.sequences, queued: 0});
    expect(casesRun).toBeGreaterThanOrEqual(1_200);
});
