import net from "node:net";
import {describe, expect, test} from "vitest";
import {requestTestCompletion} from "../../src/app/serverTest/requestTestCompletion.js";

const jsonResponse = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {status, headers: {"content-type": "application/json"}});

describe("requestTestCompletion (the round trip behind Test)", () => {
    test("a chat completion: answered in N ms (model X), sending the key as a Bearer token", async () => {
        const seen: RequestInit[] = [];
        let clock = 1000;
        const result = await requestTestCompletion({
            port: 8756,
            apiKey: "tholos-k",
            timeoutMs: 1000,
            now: () => (clock += 21),
            fetch: async (_url, init) => {
                seen.push(init!);
                return jsonResponse(200, {object: "chat.completion", model: "stories260K", choices: []});
            }
        });
        expect(result).toEqual({ok: true, ms: 21, model: "stories260K", message: "answered in 21 ms (model stories260K)"});
        expect(new Headers(seen[0]!.headers).get("authorization")).toBe("Bearer tholos-k");
        expect(JSON.parse(seen[0]!.body as string)).toMatchObject({max_tokens: 1});
    });

    test("401: wrong key, with the server's words", async () => {
        const result = await requestTestCompletion({
            port: 8756, apiKey: "old", timeoutMs: 1000,
            fetch: async () => jsonResponse(401, {error: {message: "Incorrect API key.", type: "authentication_error", param: null, code: "invalid_api_key"}})
        });
        expect(result).toEqual({ok: false, reason: "wrong_key", message: "Wrong key: the server refused the API key (401: Incorrect API key)."});
    });

    test("no answer in time: timeout", async () => {
        const result = await requestTestCompletion({
            port: 8756, apiKey: "k", timeoutMs: 50,
            fetch: (_url, init) => new Promise((_resolve, reject) => {
                init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason));
            })
        });
        expect(result).toMatchObject({ok: false, reason: "timeout", message: expect.stringMatching(/^Timeout: .*0\.05 s/)});
    });

    test("nothing listening: port error (a real refused connection)", async () => {
        const server = net.createServer();
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const {port} = server.address() as net.AddressInfo;
        await new Promise((resolve) => server.close(resolve));

        const result = await requestTestCompletion({port, apiKey: "k", timeoutMs: 2000});
        expect(result).toMatchObject({ok: false, reason: "port_error", message: expect.stringContaining(`127.0.0.1:${port}`)});
    });

    test("another error status: failed, with the status and the server's message", async () => {
        const result = await requestTestCompletion({
            port: 8756, apiKey: "k", timeoutMs: 1000,
            fetch: async () => jsonResponse(503, {error: {message: "No model is loaded.", type: "server_error", param: null, code: "model_not_loaded"}})
        });
        expect(result).toEqual({ok: false, reason: "failed", message: "Failed: the server answered 503: No model is loaded."});
    });
});
