import {execFile, spawn, type ChildProcess} from "node:child_process";
import {fileURLToPath} from "node:url";

/** The project root: the CLI runs from source through tsx, as `node --import tsx src/cli/main.ts`. */
const root = fileURLToPath(new URL("../../../", import.meta.url));
const cliArgs = ["--import", "tsx", "src/cli/main.ts"];

/**
 * The environment a user's shell would give the CLI, with the data dir in `home` and the key kept in the 0600 file:
 * the keychain entry is the same for every data dir, so a test must never write the developer's real one.
 */
export function cliEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {...process.env, THOLOS_HOME: home, THOLOS_KEYCHAIN: "never", ...extra};
    if (!("THOLOS_API_KEY" in extra)) delete env.THOLOS_API_KEY;
    return env;
}

export type CliResult = {readonly code: number, readonly stdout: string, readonly stderr: string};

/** Runs `tholos <args…>` to completion. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
    return new Promise((resolve, reject) => {
        execFile(process.execPath, [...cliArgs, ...args], {cwd: root, env, timeout: 60_000}, (error, stdout, stderr) => {
            if (error != null && typeof error.code !== "number") return reject(error);
            resolve({code: typeof error?.code === "number" ? error.code : 0, stdout, stderr});
        });
    });
}

export type ServeProcess = {
    readonly child: ChildProcess,
    readonly pid: number,
    readonly stdoutLines: string[],
    readonly stderr: () => string,

    /** Resolves with the match of the first stdout line (already printed or still to come) matching `pattern`. */
    waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>,

    /** Sends `signal` and resolves with the exit code. */
    stop(signal?: NodeJS.Signals): Promise<number | null>
};

/** Starts `tholos serve <args…>` in the background, collecting its output. */
export function startServe(args: readonly string[], env: NodeJS.ProcessEnv): ServeProcess {
    const child = spawn(process.execPath, [...cliArgs, "serve", ...args], {cwd: root, env, stdio: ["ignore", "pipe", "pipe"]});
    const stdoutLines: string[] = [];
    let stderr = "";
    let partial = "";
    const waiters = new Set<() => void>();
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
        partial += chunk;
        const lines = partial.split("\n");
        partial = lines.pop()!;
        stdoutLines.push(...lines);
        for (const waiter of waiters) waiter();
    });
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => {
        for (const waiter of waiters) waiter();
        resolve(code);
    }));

    return {
        child,
        pid: child.pid!,
        stdoutLines,
        stderr: () => stderr,
        waitForLine(pattern, timeoutMs = 60_000) {
            return new Promise((resolve, reject) => {
                const check = () => {
                    for (const line of stdoutLines) {
                        const match = pattern.exec(line);
                        if (match != null) {
                            cleanup();
                            return resolve(match);
                        }
                    }
                    if (child.exitCode != null) {
                        cleanup();
                        reject(new Error(`serve exited (${child.exitCode}) before printing ${pattern}:\n${stdoutLines.join("\n")}\n${stderr}`));
                    }
                };
                const timer = setTimeout(() => {
                    cleanup();
                    reject(new Error(`serve did not print ${pattern} within ${timeoutMs} ms:\n${stdoutLines.join("\n")}\n${stderr}`));
                }, timeoutMs);
                const cleanup = () => {
                    clearTimeout(timer);
                    waiters.delete(check);
                };
                waiters.add(check);
                check();
            });
        },
        async stop(signal = "SIGTERM") {
            if (child.exitCode == null && child.signalCode == null) child.kill(signal);
            return exited;
        }
    };
}
