import {spawn, type ChildProcess} from "node:child_process";
import {mkdtemp, readFile, rm} from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";

const cliPath = new URL("../../bin/tholos.js", import.meta.url).pathname;
export const benchApiKey = "bench-key-0123456789";

export type ServerProcessOptions = {
    modelPath: string,
    threads: number
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
        const args = ["serve", "--model", options.modelPath, "--port", "0", "--threads", String(options.threads), "--gpu", "cpu"];
        const started = performance.now();
        // The executable itself, so its shebang's Node flags apply as they do for users.
        const child = spawn(cliPath, args, {
            env: {...process.env, THOLOS_HOME: home, THOLOS_API_KEY: benchApiKey, THOLOS_KEYCHAIN: "never"},
            stdio: ["ignore", "pipe", "pipe"]
        });
        try {
            const baseUrl = await new Promise<string>((resolve, reject) => {
                let output = "";
                child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
                    output += chunk;
                    const running = /Running — (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
                    if (running != null) resolve(running[1]!);
                });
                child.stderr!.resume();
                child.once("exit", (code) => reject(new Error(`tholos serve exited (${code}) before it ran:\n${output}`)));
            });
            await waitForOk(`${baseUrl}/v1/models`);
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

    public async stop() {
        const exited = new Promise((resolve) => this._child.once("exit", resolve));
        this._child.kill("SIGTERM");
        const timeout = setTimeout(() => this._child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timeout);
        await rm(this._home, {recursive: true, force: true});
    }
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
