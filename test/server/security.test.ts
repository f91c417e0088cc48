import {readFile} from "node:fs/promises";
import net from "node:net";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {validateAgainstOpenAi} from "../support/openAiSchemaValidator.js";
import {rawRequest} from "./rawRequest.js";
import {contractRequests} from "../support/contractRequests.js";
import {validateErrorBody} from "../support/validateErrorBody.js";

let server: TestServer;
let port: number;
/** The origin the user allowed (SPEC §4): it gets CORS headers; any other origin still gets none. */
const allowedOrigin = "http://localhost:5173";

beforeAll(async () => {
    server = await startTestServer({allowedOrigins: () => [allowedOrigin]});
    port = Number(new URL(server.origin).port);
});
afterAll(async () => {
    await server?.close();
});

const models = (headers: Record<string, string>) => rawRequest({port, path: "/v1/models", headers: {host: `127.0.0.1:${port}`, ...headers}});

describe("authentication", () => {
    it("refuses a request without a key with 401", async () => {
        const response = await models({});
        expect(response.status).toBe(401);
        const body = JSON.parse(response.body);
        validateAgainstOpenAi("ErrorResponse", body);
        expect(body.error).toMatchObject({type: "authentication_error", code: "invalid_api_key"});
    });

    it("refuses a wrong key, a key of another scheme and a prefix of the key", async () => {
        for (const authorization of ["Bearer wrong", `Basic ${server.apiKey}`, `Bearer ${server.apiKey.slice(0, -1)}`, `Bearer ${server.apiKey}x`]) {
            const response = await models({authorization});
            expect(response.status, authorization).toBe(401);
            expect(JSON.parse(response.body).error.code).toBe("invalid_api_key");
        }
    });

    it("never echoes the key it was sent", async () => {
        const response = await models({authorization: "Bearer my-secret-guess"});
        expect(response.body).not.toContain("my-secret-guess");
    });

    it("answers the right key", async () => {
        const response = await models({authorization: `Bearer ${server.apiKey}`});
        expect(response.status).toBe(200);
    });

    it("serves /openapi.json without a key", async () => {
        const response = await rawRequest({port, path: "/openapi.json", headers: {host: `127.0.0.1:${port}`}});
        expect(response.status).toBe(200);
        expect(JSON.parse(response.body).paths).toHaveProperty("/v1/chat/completions");
    });
});

describe("DNS-rebinding defence", () => {
    it.each([
        ["a foreign domain", "evil.example"],
        ["a foreign domain with our port", `evil.example:0`],
        ["another interface's address", `192.168.1.20:0`],
        ["the wildcard address", `0.0.0.0:0`],
        ["another port", "127.0.0.1:1"],
        ["no port", "127.0.0.1"],
        ["localhost without port", "localhost"]
    ])("refuses a Host of %s", async (_name, host) => {
        const response = await models({host: host.replace(":0", `:${port}`), authorization: `Bearer ${server.apiKey}`});
        expect(response.status).toBe(403);
        const body = JSON.parse(response.body);
        validateAgainstOpenAi("ErrorResponse", body);
        expect(body.error.code).toBe("host_not_allowed");
    });

    it("refuses a request without a Host header", async () => {
        // Node's HTTP client always adds Host; an HTTP/1.0 request written by hand can omit it.
        const raw = await new Promise<string>((resolve, reject) => {
            const socket = net.connect(port, "127.0.0.1", () => socket.end(`GET /v1/models HTTP/1.0\r\nAuthorization: Bearer ${server.apiKey}\r\n\r\n`));
            let data = "";
            socket.on("data", (chunk) => data += chunk);
            socket.on("end", () => resolve(data));
            socket.on("error", reject);
        });
        expect(raw).toMatch(/^HTTP\/1\.[01] (400|403)/);
    });

    it("accepts localhost with the server's port", async () => {
        const response = await models({host: `localhost:${port}`, authorization: `Bearer ${server.apiKey}`});
        expect(response.status).toBe(200);
    });

    it("sends no CORS headers to a foreign origin", async () => {
        const preflight = await rawRequest({
            port, path: "/v1/chat/completions", method: "OPTIONS",
            headers: {host: `127.0.0.1:${port}`, origin: "https://evil.example", "access-control-request-method": "POST"}
        });
        expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
        const response = await models({origin: "https://evil.example", authorization: `Bearer ${server.apiKey}`});
        expect(response.headers["access-control-allow-origin"]).toBeUndefined();
    });
});

describe("CORS for the allowed origin only", () => {
    const preflight = (headers: Record<string, string>) => rawRequest({
        port, path: "/v1/chat/completions", method: "OPTIONS",
        headers: {host: `127.0.0.1:${port}`, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type", ...headers}
    });

    it("answers the allowed origin's preflight with 204 and the CORS headers, without a key", async () => {
        const response = await preflight({origin: allowedOrigin});
        expect(response.status).toBe(204);
        expect(response.body).toBe("");
        expect(response.headers).toMatchObject({
            "access-control-allow-origin": allowedOrigin,
            "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
            "access-control-allow-headers": "authorization,content-type",
            "access-control-max-age": "600",
            vary: "Origin, Access-Control-Request-Headers"
        });
        expect(response.headers["access-control-allow-credentials"]).toBeUndefined();
    });

    it.each([
        ["another origin", "https://evil.example"],
        ["the allowed host on another port", "http://localhost:5174"],
        ["the allowed host over https", "https://localhost:5173"],
        ["the allowed origin with a trailing slash", `${allowedOrigin}/`],
        ["the allowed origin in capitals", allowedOrigin.toUpperCase()],
        ["the null origin", "null"]
    ])("answers a preflight from %s as before: no CORS headers, the key still needed", async (_name, origin) => {
        const response = await preflight({origin});
        expect(response.status).toBe(401);
        expect(Object.keys(response.headers).filter((name) => name.startsWith("access-control-"))).toEqual([]);
        expect(response.headers.vary).toBeUndefined();
    });

    it("keeps the Host check for the allowed origin's preflight (a rebinding page gets no CORS headers)", async () => {
        const response = await preflight({origin: allowedOrigin, host: "evil.example"});
        expect(response.status).toBe(403);
        expect(JSON.parse(response.body).error.code).toBe("host_not_allowed");
        expect(response.headers["access-control-allow-origin"]).toBeUndefined();
    });

    it("gives the allowed origin's answers, errors and streams the origin, Vary and Retry-After exposed; the key is still needed", async () => {
        const cors = {"access-control-allow-origin": allowedOrigin, vary: "Origin", "access-control-expose-headers": "Retry-After"};
        const ok = await models({origin: allowedOrigin, authorization: `Bearer ${server.apiKey}`});
        expect(ok.status).toBe(200);
        expect(ok.headers).toMatchObject(cors);

        const refused = await models({origin: allowedOrigin});
        expect(refused.status).toBe(401);
        expect(refused.headers).toMatchObject(cors);

        const unknown = await rawRequest({port, path: "/v1/nothing", headers: {host: `127.0.0.1:${port}`, origin: allowedOrigin, authorization: `Bearer ${server.apiKey}`}});
        expect(unknown.status).toBe(404);
        expect(unknown.headers).toMatchObject(cors);

        const stream = await rawRequest({
            port, path: "/v1/chat/completions", method: "POST",
            headers: {host: `127.0.0.1:${port}`, origin: allowedOrigin, authorization: `Bearer ${server.apiKey}`, "content-type": "application/json"},
            body: JSON.stringify({messages: [{role: "user", content: "Hi"}], max_tokens: 2, stream: true})
        });
        expect(stream.status).toBe(200);
        expect(stream.headers["content-type"]).toMatch(/^text\/event-stream/);
        expect(stream.headers).toMatchObject(cors);
        expect(stream.body).toContain("data: [DONE]");
    });
});

describe.each(contractRequests())("every route of the contract: $method $path", ({method, path}) => {
    const send = (headers: Record<string, string>) => rawRequest({
        port, path, method, headers: {host: `127.0.0.1:${port}`, "content-type": "application/json", ...headers}, body: method === "POST" ? "{}" : undefined
    });

    it("needs the key, as a bearer token or x-api-key, in the route's protocol's error shape", async () => {
        for (const headers of [{}, {authorization: "Bearer wrong"}, {"x-api-key": "wrong"}, {"x-api-key": server.apiKey, authorization: "Bearer wrong"}] as Record<string, string>[]) {
            const response = await send(headers);
            expect(response.status).toBe(401);
            expect(validateErrorBody({path}, JSON.parse(response.body)).type).toBe("authentication_error");
        }
        for (const headers of [{authorization: `Bearer ${server.apiKey}`}, {"x-api-key": server.apiKey}] as Record<string, string>[])
            expect((await send(headers)).status).not.toBe(401);
    });

    it("refuses a foreign Host even with the key", async () => {
        for (const headers of [{authorization: `Bearer ${server.apiKey}`}, {"x-api-key": server.apiKey, "anthropic-version": "2023-06-01"}] as Record<string, string>[]) {
            const response = await send({host: "evil.example", ...headers});
            expect(response.status).toBe(403);
            const error = validateErrorBody({path, headers}, JSON.parse(response.body));
            expect(error.type).toBe("permission_error");
            if (error.code != null) expect(error.code).toBe("host_not_allowed");
        }
    });

    it("sends no CORS headers to a foreign origin, preflight or not", async () => {
        const preflight = await rawRequest({
            port, path, method: "OPTIONS",
            headers: {host: `127.0.0.1:${port}`, origin: "https://evil.example", "access-control-request-method": method}
        });
        expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
        const response = await send({origin: "https://evil.example", authorization: `Bearer ${server.apiKey}`});
        expect(response.headers["access-control-allow-origin"]).toBeUndefined();
    });

    it("answers the allowed origin's preflight without a key, and its request with the origin only with the key", async () => {
        const preflight = await rawRequest({
            port, path, method: "OPTIONS",
            headers: {host: `127.0.0.1:${port}`, origin: allowedOrigin, "access-control-request-method": method}
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers["access-control-allow-origin"]).toBe(allowedOrigin);
        const refused = await send({origin: allowedOrigin});
        expect(refused.status).toBe(401);
        expect(refused.headers["access-control-allow-origin"]).toBe(allowedOrigin);
        const response = await send({origin: allowedOrigin, authorization: `Bearer ${server.apiKey}`});
        expect(response.status).not.toBe(401);
        expect(response.headers["access-control-allow-origin"]).toBe(allowedOrigin);
    });
});

describe("the listening socket", () => {
    it("is bound to 127.0.0.1, not a wildcard address", async () => {
        const address = server.app.server.address();
        expect(address).toMatchObject({address: "127.0.0.1", family: "IPv4", port});
    });

    it("is seen by the OS as listening on 127.0.0.1 only", async () => {
        // /proc/net/tcp lists local addresses as little-endian hex: 0100007F is 127.0.0.1.
        const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
        const listening = (await readFile("/proc/net/tcp", "utf8")).split("\n").slice(1)
            .map((line) => line.trim().split(/\s+/))
            .filter((fields) => fields[3] === "0A" && fields[1]?.endsWith(`:${hexPort}`))
            .map((fields) => fields[1]);
        expect(listening).toEqual([`0100007F:${hexPort}`]);
        const listening6 = (await readFile("/proc/net/tcp6", "utf8").catch(() => "")).split("\n").slice(1)
            .filter((line) => line.trim().split(/\s+/)[1]?.endsWith(`:${hexPort}`));
        expect(listening6).toEqual([]);
    });
});
