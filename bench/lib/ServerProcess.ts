import {spawn, type ChildProcess} from "node:child_process";
import {mkdtemp, readFile, rm} from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {setTimeout as sleep} from "node:timers/promises";
import {releaseAfterIdleMs} from "../../src/app/apiHost/startApiServer.js";

const cliPath = new URL("../../bin/tholos.js", import.meta.url).pathname;
export const benchApiKey = "bench-key-0123456789";

/** How long `memoryAtRest` leaves a server alone: a second longer than `tholos serve` waits before it hands V8's spare heap back. */
export const atRestMs = releaseAfterIdleMs + 1000;

export type ServerProcessOptions = {
    modelPath: string,

    /** Default: the product's own choice for the model. */
    threads?: number
};

export type LlamaServerOptions = {
    /** The `llama-server` binary (`scripts/build-llama-server.sh` prints where it built it). */
    binary: string,
    modelPath: string,

    /** Slots and tokens per slot: given the shape `tholos serve` has (its 4 sequences × context). */
    sequences: number,
    contextSize: number,

    /** Default: llama-server's own choice. */
    threads?: number,

    /** Default: llama-server's (`auto`). */
    flashAttention?: boolean
};

/**
 * The product as users run it — `tholos serve` in its own process — so the benchmark's client never competes with
 * the server for the same JS thread. Its settings live in a throwaway THOLOS_HOME; the key comes from THOLOS_API_KEY.
 */
export class ServerProcess {
    /** Spawn → first 200 from `GET /v1/models`, in ms. */
    public readonly coldStartMs: number;
    public readonly baseUrl: string;
    private readonly _child: ChildProcess;
    private readonly _home: string;

    private constructor(child: ChildProcess, home: string, baseUrl: string, coldStartMs: number) {
        this._child = child;
        this._home = home;
        this.baseUrl = baseUrl;
        this.coldStartMs = coldStartMs;
    }

    public static async start(options: ServerProcessOptions) {
        const home = await mkdtemp(path.join(os.tmpdir(), "tholos-bench-"));
        const args = ["serve", "--model", options.modelPath, "--port", "0", "--gpu", "cpu",
            ...options.threads == null ? [] : ["--threads", String(options.threads)]];
        const started = performance.now();
        // The executable itself, so its shebang's Node flags apply as they do for users.
        const child = spawn(cliPath, args, {
            env: {...process.env, THOLOS_HOME: home, THOLOS_API_KEY: benchApiKey, THOLOS_KEYCHAIN: "never"},
            stdio: ["ignore", "pipe", "pipe"]
        });
        return ServerProcess._ready(child, home, started, (output) => /Running — (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? null);
    }

    /**
     * llama.cpp's own server on the same model, key and shape: the peer the bench compares with (`--llama-server`). Its
     * port is picked free first, as it takes no `0`.
     */
    public static async startLlamaServer(options: LlamaServerOptions) {
        const home = await mkdtemp(path.join(os.tmpdir(), "llama-server-bench-"));
        const port = await freePort();
        const args = [
            "--model", options.modelPath, "--host", "127.0.0.1", "--port", String(port), "--api-key", benchApiKey,
            "--parallel", String(options.sequences), "--ctx-size", String(options.sequences * options.contextSize),
            ...options.threads == null ? [] : ["--threads", String(options.threads), "--threads-batch", String(options.threads)],
            ...options.flashAttention == null ? [] : ["--flash-attn", options.flashAttention ? "on" : "off"]
        ];
        const started = performance.now();
        const child = spawn(options.binary, args, {cwd: home, env: {...process.env, LLAMA_ARG_HOST: "127.0.0.1"}, stdio: ["ignore", "pipe", "pipe"]});
        const baseUrl = `http://127.0.0.1:${port}`;
        // llama-server says nothing on stdout we wait for: it is ready when /v1/models answers 200
        return ServerProcess._ready(child, home, started, () => baseUrl);
    }

    private static async _ready(child: ChildProcess, home: string, started: number, baseUrlIn: (output: string) => string | null) {
        let output = "";
        // A server that exits before it answers (a bad argument, a model it can't read) fails the start, whenever it goes
        const exited = new Promise<never>((_, reject) =>
            child.once("exit", (code) => reject(new Error(`the server exited (${code}) before it ran:\n${output.slice(-4000)}`))));
        exited.catch(() => undefined);
        try {
            const baseUrl = await Promise.race([exited, new Promise<string>((resolve) => {
                const found = baseUrlIn("");
                if (found != null) resolve(found);
                // Both pipes are read for as long as the server runs (a full pipe would block its logging); only the
                // last lines are kept, for the error if it exits before it runs.
                child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
                    output = (output + chunk).slice(-8000);
                    const url = baseUrlIn(output);
                    if (url != null) resolve(url);
                });
                child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
                    output = (output + chunk).slice(-8000);
                });
            })]);
            await Promise.race([exited, waitForOk(`${baseUrl}/v1/models`)]);
            return new ServerProcess(child, home, baseUrl, performance.now() - started);
        } catch (error) {
            child.kill("SIGKILL");
            await rm(home, {recursive: true, force: true});
            throw error;
        }
    }

    /** Resident memory now and at its peak (VmHWM), in MiB, from /proc (Linux). */
    public async memory() {
        const status = await readFile(`/proc/${this._child.pid}/status`, "utf8");
        const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)![1]) / 1024;
        return {rssMiB: field("VmRSS"), peakMiB: field("VmHWM")};
    }

    /**
     * `memory()` once the server has been left alone for `atRestMs`: memory at rest, as a user's task manager shows it
     * between requests. Both servers in a comparison are read so.
     */
    public async memoryAtRest() {
        await sleep(atRestMs);
        return this.memory();
    }

    /** Samples RSS every `intervalMs` until the returned stop function is called; resolves the largest seen. */
    public sampleMemory(intervalMs = 25) {
        let largest = 0;
        const timer = setInterval(() => {
            this.memory().then(({rssMiB}) => largest = Math.max(largest, rssMiB), () => undefined);
        }, intervalMs);
        return async () => {
            clearInterval(timer);
            return Math.max(largest, (await this.memory()).rssMiB);
        };
    }

    /** Stops the server and removes its home. Repeat-safe. */
    public async stop() {
        if (this._child.exitCode == null && this._child.signalCode == null) {
            const exited = new Promise((resolve) => this._child.once("exit", resolve));
            this._child.kill("SIGTERM");
            const timeout = setTimeout(() => this._child.kill("SIGKILL"), 10_000);
            await exited;
            clearTimeout(timeout);
        }
        await rm(this._home, {recursive: true, force: true});
    }
}

async function freePort() {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const {port} = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
}

async function waitForOk(url: string) {
    for (;;) {
        const status = await new Promise<number>((resolve) => {
            http.get(url, {headers: {authorization: `Bearer ${benchApiKey}`}}, (response) => {
                response.resume();
                resolve(response.statusCode ?? 0);
            }).on("error", () => resolve(0));
        });
        if (status === 200) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}
