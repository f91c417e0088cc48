import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {ErrorResponse} from "../../contract/index.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {validateAgainstOpenAi} from "../support/openAiSchemaValidator.js";

let server: TestServer;
const send = (path: string, init: {method?: string, body?: string, contentType?: string | null} = {}) => fetch(server.origin + path, {
    method: init.method ?? "POST",
    headers: {
        authorization: `Bearer ${server.apiKey}`,
        ...(init.contentType === null ? {} : {"content-type": init.contentType ?? "application/json"})
    },
    body: init.body
});

async function expectError(response: Response, status: number, code: string, param: string | null = null) {
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await response.json() as ErrorResponse;
    validateAgainstOpenAi("ErrorResponse", body);
    expect(body.error.code).toBe(code);
    expect(body.error.param).toBe(param);
    expect(body.error.message.length).toBeGreaterThan(10);
    return body;
}

beforeAll(async () => {
    server = await startTestServer();
});
afterAll(async () => {
    await server?.close();
});

describe("bad input gets an OpenAI-shaped 4xx and the server keeps serving", () => {
    it("malformed JSON ⇒ 400 invalid_json", async () => {
        await expectError(await send("/v1/chat/completions", {body: '{"messages": [}'}), 400, "invalid_json");
    });

    it("an empty JSON body ⇒ 400", async () => {
        await expectError(await send("/v1/chat/completions", {body: ""}), 400, "invalid_json");
    });

    it("a JSON array or string instead of an object ⇒ 400", async () => {
        for (const body of ["[]", '"hi"', "42", "null"]) {
            const response = await send("/v1/chat/completions", {body});
            expect(response.status, body).toBe(400);
            validateAgainstOpenAi("ErrorResponse", await response.json());
        }
    });

    it("a missing required field ⇒ 400 naming it", async () => {
        const body = await expectError(await send("/v1/chat/completions", {body: "{}"}), 400, "missing_required_parameter", "messages");
        expect(body.error.message).toContain("messages");
    });

    it("a wrong type deep in the body ⇒ 400 naming the path", async () => {
        await expectError(await send("/v1/chat/completions", {
            body: JSON.stringify({messages: [{role: "user", content: "hi"}], temperature: "hot"})
        }), 400, "invalid_value", "temperature");
        await expectError(await send("/v1/chat/completions", {
            body: JSON.stringify({messages: [{role: "wizard", content: "hi"}]})
        }), 400, "invalid_value", "messages[0].role");
        await expectError(await send("/v1/chat/completions", {
            body: JSON.stringify({messages: [{role: "user", content: "hi"}], max_tokens: -1})
        }), 400, "invalid_value", "max_tokens");
    });

    it("an unknown route under /v1 is named without telling the client the API lives under /v1", async () => {
        const body = await expectError(await send("/v1/responsez", {body: "{}"}), 404, "not_found");
        expect(body.error.message).toBe("Unknown route: POST /v1/responsez. See /openapi.json for the routes this server has.");
        const outside = await expectError(await send("/chat/completions", {body: "{}"}), 404, "not_found");
        expect(outside.error.message).toBe("Unknown route: POST /chat/completions. The API lives under /v1; see /openapi.json.");
    });

    it("an unknown route ⇒ 404, JSON not HTML", async () => {
        await expectError(await send("/v1/nothing-here", {method: "GET", contentType: null}), 404, "not_found");
        await expectError(await send("/", {method: "GET", contentType: null}), 404, "not_found");
        await expectError(await send("/v1/models", {method: "DELETE", contentType: null}), 404, "not_found");
        await expectError(await send("/v1/chat/completions/extra", {body: "{}"}), 404, "not_found");
    });

    it("a body over the limit ⇒ 413", async () => {
        const huge = JSON.stringify({messages: [{role: "user", content: "a".repeat(5 * 1024 * 1024)}]});
        await expectError(await send("/v1/chat/completions", {body: huge}), 413, "request_too_large");
    });

    it("JSON sent with a form content type (curl -d without -H) is still read", async () => {
        const response = await send("/v1/chat/completions", {
            body: JSON.stringify({messages: [{role: "user", content: "hi"}], max_tokens: 2}),
            contentType: "application/x-www-form-urlencoded"
        });
        expect(response.status).toBe(200);
    });

    it("still serves after all of the above", async () => {
        const response = await send("/v1/chat/completions", {body: JSON.stringify({messages: [{role: "user", content: "hi"}], max_tokens: 3})});
        expect(response.status).toBe(200);
        validateAgainstOpenAi("CreateChatCompletionResponse", await response.json());
    });
});
