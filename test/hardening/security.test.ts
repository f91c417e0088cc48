import {randomBytes} from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {getLlama, type Llama} from "node-llama-cpp";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {LlamaEngine} from "../../src/engine/LlamaEngine.js";
import {createServer} from "../../src/server/createServer.js";
import {listenOnLoopback} from "../../src/server/listenOnLoopback.js";
import {buildOpenApiDocument} from "../../contract/index.js";
import {cliEnv, runCli, startServe} from "../e2e/utils/cli.js";
import {validateAgainstOpenAi} from "../support/openAiSchemaValidator.js";
import {sendRaw} from "./utils/sendRaw.js";
import {testModelPath} from "../support/testModelPath.js";

// SPEC §4 proven from outside: whole `tholos serve` runs observed for secrets in their output and for any
// connection that isn't loopback; the files that hold secrets asked of the OS; a slow-drip client cut off.
const runningLine = /^Running — http:\/\/127\.0\.0\.1:(\d+)$/;
const observer = fileURLToPath(new URL("./utils/observeConnections.mjs", import.meta.url));
const slow = {timeout: 180_000};

let modelPath: string;
beforeAll(async () => {
    modelPath = await testModelPath();
});

async function tempHome() {
    return fs.mkdtemp(path.join(os.tmpdir(), "tholos-hardening-"));
}

/** Every route, streamed and not, plus refused requests: what a full session of a client does. */
async function exercise(port: number, key: string, wrongKey: string) {
    const base = `http://127.0.0.1:${port}`;
    const call = (route: string, init: RequestInit = {}, useKey = key) => fetch(base + route, {
        ...init, headers: {authorization: `Bearer ${useKey}`, "content-type": "application/json", ...init.headers as Record<string, string>}
    }).then(async (response) => ({status: response.status, body: await response.text()}));
    const post = (route: string, body: object, useKey = key) => call(route, {method: "POST", body: JSON.stringify(body)}, useKey);
    const statuses = [
        (await call("/v1/models")).status,
        (await call("/v1/models/stories260K")).status,
        (await post("/v1/chat/completions", {messages: [{role: "user", content: "Once"}], max_tokens: 4})).status,
        (await post("/v1/chat/completions", {messages: [{role: "user", content: "Once"}], max_tokens: 4, stream: true})).status,
        (await post("/v1/completions", {prompt: "Once upon", max_tokens: 4})).status,
        (await post("/v1/completions", {prompt: "Once upon", max_tokens: 4, stream: true})).status,
        (await post("/v1/embeddings", {input: ["a cat", "a dog"]})).status,
        (await call("/openapi.json")).status
    ];
    expect(statuses).toEqual(Array(statuses.length).fill(200));
    const refused = [
        await call("/v1/models", {}, wrongKey),
        await post("/v1/chat/completions", {messages: [{role: "user", content: wrongKey}]}, wrongKey),
        await call(`/v1/models?key=${wrongKey}`, {headers: {authorization: `Bearer ${wrongKey}`, "x-api-key": wrongKey}}, wrongKey)
    ];
    for (const response of refused) {
        expect(response.status).toBe(401);
        validateAgainstOpenAi("ErrorResponse", JSON.parse(response.body));
        expect(response.body).not.toContain(wrongKey);
    }
}

type Connection = {kind: string, host?: string | null, port?: number | null, path?: string | null, hostname?: string, remoteAddress?: string | null};

/** Every observed connection or lookup that is not this machine's loopback or the instance's control socket. */
function foreignConnections(log: string, home: string) {
    const entries = log.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as Connection);
    const loopback = new Set(["127.0.0.1", "localhost", "::ffff:127.0.0.1", null, undefined]);
    return {
        entries,
        foreign: entries.filter((entry) => {
            if (entry.kind === "dns") return entry.hostname !== "localhost" && entry.hostname !== "127.0.0.1";
            // Unix sockets never leave the machine; still, only the instance's control socket and tsx's own IPC pipe
            // (the CLI runs from source here) are expected.
            if (entry.kind === "connect") return entry.path != null
                ? !entry.path.startsWith(home) && !/[\\/]tsx-[^\\/]+[\\/]\d+\.pipe$/.test(entry.path)
                : !loopback.has(entry.host) || entry.host == null && entry.port == null;
            if (entry.kind === "connected") return !loopback.has(entry.remoteAddress);
            return true;
        })
    };
}

describe("a whole `tholos serve` run", slow, () => {
    test("key file, control socket and data dir are the owner's alone; no connection leaves loopback", async () => {
        const home = await tempHome();
        const connectionsLog = path.join(home, "..", path.basename(home) + "-connections.jsonl");
        const env = cliEnv(home, {NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${observer}`.trim(), THOLOS_TEST_CONNECTIONS_LOG: connectionsLog});
        const serve = startServe(["--model", modelPath, "--port", "0", "--threads", "1", "--gpu", "cpu"], env);
        try {
            const port = Number((await serve.waitForLine(runningLine))[1]);
            const key = (await serve.waitForLine(/^API key: (tholos-[A-Za-z0-9_-]{43}) /))[1]!;

            expect((await fs.stat(path.join(home, "api-key"))).mode & 0o777).toBe(0o600);
            const socket = await fs.stat(path.join(home, "control.sock"));
            expect(socket.isSocket()).toBe(true);
            expect(socket.mode & 0o777).toBe(0o600);
            expect((await fs.stat(home)).mode & 0o077).toBe(0);
            expect((await fs.stat(path.join(home, "settings.json")).catch(() => null))?.mode ?? 0o600).toSatisfy((mode: number) => (mode & 0o077) === 0);

            await exercise(port, key, "tholos-" + randomBytes(32).toString("base64url"));
            for (const args of [["status"], ["test"], ["key", "regenerate"], ["status"]]) expect((await runCli(args, env)).code, args.join(" ")).toBe(0);
        } finally {
            await serve.stop();
        }
        const {entries, foreign} = foreignConnections(await fs.readFile(connectionsLog, "utf8"), home);
        // The observer saw the run (the CLI commands reach the instance over its control socket).
        expect(entries.some((entry) => entry.kind === "connect" && entry.path === path.join(home, "control.sock"))).toBe(true);
        // …and the TCP round trips of `tholos test`, all to 127.0.0.1.
        expect(entries.some((entry) => entry.kind === "connected" && entry.remoteAddress === "127.0.0.1")).toBe(true);
        expect(foreign).toEqual([]);
        await fs.rm(connectionsLog, {force: true});
        await fs.rm(home, {recursive: true, force: true});
    });

    test("the key from THOLOS_API_KEY and a wrong key sent to it never appear in any output", async () => {
        const home = await tempHome();
        const key = "tholos-" + randomBytes(32).toString("base64url");
        const wrongKey = "tholos-" + randomBytes(32).toString("base64url");
        const env = cliEnv(home, {THOLOS_API_KEY: key});
        const serve = startServe(["--model", modelPath, "--port", "0", "--threads", "1", "--gpu", "cpu"], env);
        const outputs: string[] = [];
        try {
            const port = Number((await serve.waitForLine(runningLine))[1]);
            await serve.waitForLine(/^API key: from THOLOS_API_KEY$/);
            await exercise(port, key, wrongKey);
            for (const args of [["status"], ["test"], ["key", "test"], ["key", "regenerate"]]) {
                const result = await runCli(args, env);
                outputs.push(result.stdout, result.stderr);
            }
        } finally {
            await serve.stop();
        }
        outputs.push(serve.stdoutLines.join("\n"), serve.stderr());
        const all = outputs.join("\n");
        expect(all.length).toBeGreaterThan(100);
        expect(all).not.toContain(key);
        expect(all).not.toContain(wrongKey);
        // Nor any long-enough piece of either (a key cut in half by a log line would still be a leak).
        for (const secret of [key, wrongKey]) expect(all).not.toContain(secret.slice(7, 27));
        await fs.rm(home, {recursive: true, force: true});
    });
});

describe("size limits and a slow-drip client", () => {
    let llama: Llama;
    let engine: LlamaEngine;
    beforeAll(async () => {
        llama = await getLlama({gpu: false, build: "never", progressLogs: false});
        engine = await LlamaEngine.load({modelPath, llama, threads: 1, gpu: "cpu", sequences: 2});
    });
    afterAll(async () => {
        await engine?.dispose();
        await llama?.dispose();
    });

    /** Opens a raw connection and sends `first`, then one byte of `drip` every 100 ms; resolves with what came back. */
    function drip(port: number, first: string, dripText: string) {
        return new Promise<{answer: string, elapsedMs: number}>((resolve) => {
            const startedAt = performance.now();
            const socket = net.connect(port, "127.0.0.1");
            let answer = "";
            let index = 0;
            let timer: NodeJS.Timeout | undefined;
            socket.on("connect", () => {
                socket.write(first);
                timer = setInterval(() => {
                    if (!socket.writable || index >= dripText.length) return;
                    socket.write(dripText[index++]!);
                }, 100);
            });
            socket.on("data", (chunk) => answer += chunk);
            socket.on("error", () => undefined);
            socket.on("close", () => {
                clearInterval(timer);
                resolve({answer, elapsedMs: performance.now() - startedAt});
            });
        });
    }

    test("headers past Node's 16 KiB and bodies past 4 MiB get an OpenAI-shaped 413; the server keeps serving", async () => {
        const apiKey = "tholos-" + randomBytes(32).toString("base64url");
        const app = await createServer({engine: () => engine, apiKey: () => apiKey, openApiDocument: buildOpenApiDocument({version: "test"})});
        try {
            const port = await listenOnLoopback(app, 0);
            const head = (extra: string) => `GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${apiKey}\r\n${extra}`;
            for (const extra of [`X-Big: ${"a".repeat(20_000)}`, Array.from({length: 2_000}, (_, i) => `X-H${i}: 12345678`).join("\r\n")]) {
                const response = await sendRaw({port, head: head(extra)});
                expect(response.status).toBe(413);
                expect(JSON.parse(response.body).error.code).toBe("request_too_large");
                validateAgainstOpenAi("ErrorResponse", JSON.parse(response.body));
            }
            const body = JSON.stringify({input: "a".repeat(4 * 1024 * 1024)});
            const big = await sendRaw({port, head: `POST /v1/embeddings HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${apiKey}\r\n` +
                `Content-Type: application/json\r\nContent-Length: ${body.length}`, body});
            expect(big.status).toBe(413);
            validateAgainstOpenAi("ErrorResponse", JSON.parse(big.body));
            expect((await sendRaw({port, head: head("X-Small: 1")})).status).toBe(200);
        } finally {
            await app.close();
        }
    });

    test("is cut off by the request timeout without holding a sequence, and the server keeps serving", {timeout: 30_000}, async () => {
        const apiKey = "tholos-" + randomBytes(32).toString("base64url");
        const app = await createServer({
            engine: () => engine, apiKey: () => apiKey, openApiDocument: buildOpenApiDocument({version: "test"}),
            responseValidation: true, requestTimeoutMs: 1_500
        });
        try {
            const port = await listenOnLoopback(app, 0);
            const body = JSON.stringify({messages: [{role: "user", content: "Once upon a time"}], max_tokens: 2});
            const head = `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${apiKey}\r\n` +
                `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
            const drips = [
                drip(port, head, body), // headers whole, body dripping
                drip(port, "", head + body) // even the headers dripping
            ];
            // While they drip, nothing holds a sequence and other clients are served.
            await new Promise((resolve) => setTimeout(resolve, 700));
            expect(engine.load).toMatchObject({free: 2, queued: 0});
            const other = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
                method: "POST", headers: {authorization: `Bearer ${apiKey}`, "content-type": "application/json"}, body
            });
            expect(other.status).toBe(200);

            for (const {answer, elapsedMs} of await Promise.all(drips)) {
                expect(elapsedMs).toBeGreaterThan(1_400);
                expect(elapsedMs).toBeLessThan(5_000);
                // Cut before the body was complete (it would take ~body.length × 100 ms): 408/400 in OpenAI's shape, or a close.
                if (answer !== "") {
                    expect(answer).toMatch(/^HTTP\/1\.1 (400|408) /);
                    validateAgainstOpenAi("ErrorResponse", JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)));
                }
            }
            expect(engine.load).toMatchObject({free: 2, queued: 0});
        } finally {
            await app.close();
        }
    });
});
