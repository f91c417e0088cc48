import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {rawRequest} from "../server/rawRequest.js";
import {isListening} from "../support/isListening.js";
import {testModelPath} from "../support/testModelPath.js";
import {cliEnv, runCli, startServe, type ServeProcess} from "./utils/cli.js";

// End to end: the CLI spawned as a user runs it (from source, through tsx), each data dir a fresh THOLOS_HOME.
const runningLine = /^Running — http:\/\/127\.0\.0\.1:(\d+)$/;

async function tempHome() {
    return fs.mkdtemp(path.join(os.tmpdir(), "tholos-e2e-"));
}

function listModels(port: number, key: string) {
    return fetch(`http://127.0.0.1:${port}/v1/models`, {headers: {authorization: `Bearer ${key}`}});
}

// Each CLI run is a fresh Node process; on a busy 2-core machine a test of several runs needs more than the default.
const slow = {timeout: 180_000};

describe("tholos serve, driven by the other commands over the control socket", slow, () => {
    let home: string;
    let env: NodeJS.ProcessEnv;
    let serve: ServeProcess;
    let port: number;

    beforeAll(async () => {
        home = await tempHome();
        env = cliEnv(home);
        serve = startServe(["--model", await testModelPath(), "--port", "0", "--threads", "1", "--gpu", "cpu", "--context-size", "256"], env);
        port = Number((await serve.waitForLine(runningLine))[1]);
    }, 180_000);

    afterAll(async () => {
        await serve?.stop("SIGKILL");
        await fs.rm(home, {recursive: true, force: true});
    });

    test("serve issues the dev licence in a source checkout and says so; `tholos status` shows its status line", async () => {
        expect(serve.stderr()).toContain("issued a development Business licence");
        await serve.waitForLine(new RegExp(`^Base URL: http://127\\.0\\.0\\.1:${port}/v1$`));
        await serve.waitForLine(/^API key: tholos-[A-Za-z0-9_-]{43} \(in file /);

        const status = await runCli(["status"], env);
        expect(status.code).toBe(0);
        const lines = status.stdout.split("\n");
        expect(lines[0]).toBe(`Running — http://127.0.0.1:${port}`);
        expect(status.stdout).toContain("Model:     stories260K");
        expect(status.stdout).toContain(`Instance:  pid ${serve.pid}, control socket ${path.join(home, "control.sock")}`);
        expect(status.stdout).toContain("Engine:    threads 1, GPU cpu, context size 256");
    });

    test("serve --context-size reaches the engine: the model is served with 256 tokens per request", async () => {
        const key = (await runCli(["key", "show"], env)).stdout.trim();
        const models = await (await listModels(port, key)).json() as {data: {meta: {context_length: number}}[]};
        expect(models.data[0]?.meta.context_length).toBe(256);
    });

    test("threads, gpu and context-size drive the running instance through the same rules; a mistake is a usage error", async () => {
        const threads = await runCli(["threads", "2"], env);
        expect(threads).toMatchObject({code: 0, stdout: `Running — http://127.0.0.1:${port}\n`});
        expect((await runCli(["gpu", "cpu"], env)).code).toBe(0);
        expect((await runCli(["context-size", "auto"], env)).code).toBe(0);
        expect((await runCli(["status"], env)).stdout).toContain("Engine:    threads 2, GPU cpu, context size auto");
        const settings = JSON.parse(await fs.readFile(path.join(home, "settings.json"), "utf8")) as Record<string, unknown>;
        expect(settings).toMatchObject({threads: 2, gpu: "cpu"});
        expect(settings).not.toHaveProperty("contextSize");

        const wrong = await runCli(["threads", "many"], env);
        expect(wrong).toMatchObject({code: 2, stdout: ""});
        expect(wrong.stderr).toBe('tholos: Threads must be a whole number from 1 to 256, or auto to let the engine choose (got "many"). Usage: tholos threads <n|auto>\n');
    });

    test("a second serve says where the first one runs, and exits", async () => {
        const second = await runCli(["serve", "--port", "0"], env);
        expect(second.code).toBe(1);
        expect(second.stderr).toContain(`Tholos is already running (pid ${serve.pid}): Running — http://127.0.0.1:${port}.`);
        expect(second.stderr).toContain(path.join(home, "control.sock"));
    });

    test("regenerate while a client polls: the old key gets 401 from the very next request on", async () => {
        const oldKey = (await runCli(["key", "show"], env)).stdout.trim();
        expect(oldKey).toMatch(/^tholos-[A-Za-z0-9_-]{43}$/);

        const results: {startedAt: number, status: number}[] = [];
        let polling = true;
        const poller = (async () => {
            while (polling) {
                const startedAt = performance.now();
                const response = await listModels(port, oldKey);
                await response.arrayBuffer();
                results.push({startedAt, status: response.status});
            }
        })();

        await expect.poll(() => results.length).toBeGreaterThan(3);
        const regenerate = await runCli(["key", "regenerate"], env);
        const regeneratedAt = performance.now();
        await expect.poll(() => results.filter((result) => result.startedAt > regeneratedAt).length).toBeGreaterThan(3);
        polling = false;
        await poller;

        expect(regenerate.code).toBe(0);
        const newKey = regenerate.stdout.trim();
        expect(newKey).toMatch(/^tholos-[A-Za-z0-9_-]{43}$/);
        expect(newKey).not.toBe(oldKey);
        expect(regenerate.stderr).toContain("the old key stopped working");

        expect(results.some((result) => result.startedAt < regeneratedAt && result.status === 200)).toBe(true);
        for (const result of results.filter((r) => r.startedAt > regeneratedAt))
            expect(result.status).toBe(401);
        expect((await listModels(port, newKey)).status).toBe(200);
        expect((await runCli(["key", "show"], env)).stdout.trim()).toBe(newKey);
    });

    test("`tholos test` makes a real round trip", async () => {
        const result = await runCli(["test"], env);
        expect(result.stdout.trim()).toMatch(/^answered in \d+ ms \(model stories260K\)$/);
        expect(result.code).toBe(0);
    });

    test("`tholos disable` stops listening; `test` then says it is off; `enable` serves again", async () => {
        const disabled = await runCli(["disable"], env);
        expect(disabled.stdout).toBe("Off\n");
        expect(await isListening(port)).toBe(false);
        await serve.waitForLine(/^Off$/);

        const tested = await runCli(["test"], env);
        expect(tested.code).toBe(1);
        expect(tested.stdout).toMatch(/^Off: /);

        const enabled = await runCli(["enable"], env);
        const newPort = Number(runningLine.exec(enabled.stdout.trim())?.[1]);
        expect(newPort).toBeGreaterThan(0);
        expect((await listModels(newPort, (await runCli(["key", "show"], env)).stdout.trim())).status).toBe(200);
        port = newPort;
    });

    test("`tholos responses` counts what the running server stored; `clear` deletes it while it serves", async () => {
        const key = (await runCli(["key", "show"], env)).stdout.trim();
        const headers = {authorization: `Bearer ${key}`, "content-type": "application/json"};
        const created = await fetch(`http://127.0.0.1:${port}/v1/responses`, {method: "POST", headers, body: JSON.stringify({input: "Hi", max_output_tokens: 4})});
        const {id} = await created.json() as {id: string};
        expect((await runCli(["responses"], env)).stdout).toBe("1 response stored.\n");
        expect((await runCli(["responses", "clear"], env)).stdout).toBe("Cleared 1 response.\n");
        expect((await fetch(`http://127.0.0.1:${port}/v1/responses/${id}`, {headers})).status).toBe(404);
        expect((await runCli(["responses", "count"], env)).stdout).toBe("0 responses stored.\n");
        const wrong = await runCli(["responses", "purge"], env);
        expect(wrong.code).toBe(2);
        expect(wrong.stderr).toBe('tholos: Unknown responses action "purge". Usage: tholos responses count | tholos responses clear\n');
    });

    test("`tholos origins` allows an origin CORS headers on the running server from the next request on, and removes it", async () => {
        const preflight = () => rawRequest({
            port, path: "/v1/models", method: "OPTIONS",
            headers: {host: `127.0.0.1:${port}`, origin: "http://localhost:5173", "access-control-request-method": "GET"}
        });
        expect((await preflight()).headers["access-control-allow-origin"]).toBeUndefined();

        expect(await runCli(["origins", "add", "HTTP://LocalHost:5173/"], env)).toEqual({
            code: 0, stdout: "http://localhost:5173\n", stderr: "Allowed http://localhost:5173, from the next request on.\n"
        });
        const allowed = await preflight();
        expect(allowed.status).toBe(204);
        expect(allowed.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
        expect((await runCli(["origins"], env)).stdout).toBe("http://localhost:5173\n");
        expect((await runCli(["status"], env)).stdout).toContain("Origins:   http://localhost:5173\n");
        expect(JSON.parse(await fs.readFile(path.join(home, "settings.json"), "utf8"))).toMatchObject({allowedOrigins: ["http://localhost:5173"]});

        const wildcard = await runCli(["origins", "add", "*"], env);
        expect(wildcard).toMatchObject({code: 2, stdout: ""});
        expect(wildcard.stderr).toBe('tholos: An allowed origin must be exactly scheme://host[:port] with http or https, e.g. http://localhost:3000 — no path, no wildcard, not "null" (got "*"). Usage: tholos origins add <origin>\n');
        expect((await runCli(["origins", "add", "null"], env)).code).toBe(2);

        expect((await runCli(["origins", "remove", "http://localhost:5173"], env)).stderr).toContain("Removed http://localhost:5173, from the next request on.");
        const removed = await preflight();
        expect(removed.status).toBe(401);
        expect(removed.headers["access-control-allow-origin"]).toBeUndefined();
        const none = await runCli(["origins", "list"], env);
        expect(none).toMatchObject({code: 0, stdout: "", stderr: expect.stringContaining("No origin is allowed")});
        expect((await runCli(["status"], env)).stdout).toContain("Origins:   none (no CORS headers;");
    });

    test("SIGTERM stops it cleanly: prints Off, exits 0, removes the control socket", async () => {
        const code = await serve.stop("SIGTERM");
        expect(code).toBe(0);
        expect(serve.stdoutLines.at(-1)).toBe("Off");
        await expect(fs.access(path.join(home, "control.sock"))).rejects.toThrow();
        expect(await isListening(port)).toBe(false);

        const status = await runCli(["status"], env);
        expect(status.stdout.split("\n").slice(0, 2)).toEqual(["Off", expect.stringContaining("Not running")]);
    });
});

test("--help lists every command of the operations table with its usage", async () => {
    const help = await runCli(["--help"], cliEnv(await tempHome()));
    expect(help.code).toBe(0);
    for (const line of ["tholos threads <n|auto>", "tholos gpu <auto|cpu>", "tholos context-size <n|auto>", "tholos load <file.gguf>", "tholos key copy", "tholos responses clear"])
        expect(help.stdout).toContain(`  ${line} `);
    expect(help.stdout).toContain("[--context-size <n>]");
    expect(help.stdout).toContain("[--prompt-cache <MiB>]");
    for (const line of ["tholos origins list", "tholos origins add <origin>", "tholos origins remove <origin>", "tholos origins clear"])
        expect(help.stdout).toContain(`  ${line} `);
});

test("serve --prompt-cache takes MiB by its rule: a mistake is a usage error, before anything starts", async () => {
    const wrong = await runCli(["serve", "--prompt-cache", "lots"], cliEnv(await tempHome()));
    expect(wrong).toMatchObject({code: 2, stdout: ""});
    expect(wrong.stderr).toContain('The prompt cache must be a whole number of MiB from 0 (off) to 65536, or auto for the default (got "lots").');
});

test("`tholos origins add` without an instance saves the origin for the next start, and says so", slow, async () => {
    const home = await tempHome();
    const added = await runCli(["origins", "add", "http://127.0.0.1:3000"], cliEnv(home));
    expect(added).toMatchObject({code: 0, stdout: "http://127.0.0.1:3000\n", stderr: expect.stringContaining("Saved: no instance is running")});
    expect(JSON.parse(await fs.readFile(path.join(home, "settings.json"), "utf8"))).toEqual({allowedOrigins: ["http://127.0.0.1:3000"]});
    await fs.rm(home, {recursive: true, force: true});
});

describe("a port held by another program", slow, () => {
    test("is an Error status naming the port, and `tholos port` retries", async () => {
        const blocker = net.createServer();
        await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
        const busyPort = (blocker.address() as net.AddressInfo).port;
        const home = await tempHome();
        const env = cliEnv(home);
        const serve = startServe(["--model", await testModelPath(), "--port", String(busyPort), "--threads", "1", "--gpu", "cpu"], env);
        try {
            const expected = `Error — port ${busyPort} is already in use by another program. Choose another port (Settings → Local API Server, or \`tholos port <n>\`).`;
            await serve.waitForLine(new RegExp(`^Error — port ${busyPort} is already in use`));
            expect(serve.stdoutLines).toContain(expected);

            const status = await runCli(["status"], env);
            expect(status.stdout.split("\n")[0]).toBe(expected);
            expect((await runCli(["test"], env)).stdout).toMatch(/^Port error: /);

            const moved = await runCli(["port", "0"], env);
            expect(moved.stdout.trim()).toMatch(runningLine);
            await serve.waitForLine(runningLine);
        } finally {
            blocker.close();
            await serve.stop("SIGTERM");
            await fs.rm(home, {recursive: true, force: true});
        }
    });
});

describe("THOLOS_API_KEY", slow, () => {
    test("serve uses it instead of the stored key, and regenerating over the socket is refused with the reason", async () => {
        const home = await tempHome();
        const scriptKey = "my-script-key-0123456789";
        const serve = startServe(["--model", await testModelPath(), "--port", "0", "--threads", "1", "--gpu", "cpu"], cliEnv(home, {THOLOS_API_KEY: scriptKey}));
        try {
            const port = Number((await serve.waitForLine(runningLine))[1]);
            await serve.waitForLine(/^API key: from THOLOS_API_KEY$/);
            expect((await listModels(port, scriptKey)).status).toBe(200);

            // The CLI's own environment has no THOLOS_API_KEY: the instance decides.
            const refused = await runCli(["key", "regenerate"], cliEnv(home));
            expect(refused.code).toBe(1);
            expect(refused.stderr).toContain("comes from the THOLOS_API_KEY environment variable, so it can't be regenerated");
            expect((await listModels(port, scriptKey)).status).toBe(200);
            await expect(fs.access(path.join(home, "api-key"))).rejects.toThrow();
        } finally {
            await serve.stop("SIGTERM");
            await fs.rm(home, {recursive: true, force: true});
        }
    });
});

describe("without a running instance, commands act on the stored state", slow, () => {
    test("on Personal every command prints the Locked status, not Off, and enable is refused; after `license dev` it is saved", async () => {
        const home = await tempHome();
        const env = cliEnv(home);
        const locked = "Locked — available on the Business edition";
        try {
            const refused = await runCli(["enable"], env);
            expect(refused.code).toBe(1);
            expect(refused.stdout).toBe(`${locked}\n`);
            expect(refused.stderr).toMatch(/^tholos: The Local API Server is available on the Business edition/);
            expect((await runCli(["status"], env)).stdout.split("\n")[0]).toBe(locked);
            for (const args of [["disable"], ["port", "9000"], ["threads", "4"], ["context-size", "512"], ["unload"]]) {
                const result = await runCli(args, env);
                expect(result.code, args.join(" ")).toBe(0);
                expect(result.stdout.split("\n")[0], args.join(" ")).toBe(locked);
            }
            expect((await runCli(["port", "0"], env)).stderr).toContain("Port 0 (any free port) lasts for one run, and no instance is running");

            const dev = await runCli(["license", "dev"], env);
            expect(dev.stdout).toMatch(/^Business licence for Developer \(source checkout\) \(development licence/);

            const enabled = await runCli(["enable"], env);
            expect(enabled.code).toBe(0);
            expect(enabled.stdout.split("\n")[0]).toBe("Off");
            const settings = JSON.parse(await fs.readFile(path.join(home, "settings.json"), "utf8")) as unknown;
            expect(settings).toEqual({enabled: true, port: 9000, threads: 4, contextSize: 512});
        } finally {
            await fs.rm(home, {recursive: true, force: true});
        }
    });
});
