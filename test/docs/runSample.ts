import {execFile} from "node:child_process";

export type RunSampleOptions = {
    /** The executable and its arguments, e.g. `["python3", "docs/samples/chat.py"]`. */
    command: [string, ...string[]],
    cwd: string,

    /** `THOLOS_BASE_URL` and `THOLOS_API_KEY`: all the samples read. */
    baseUrl: string,
    apiKey: string,

    /** Milliseconds before the sample is killed. Default 90 000. */
    timeout?: number
};

/**
 * Runs a sample as a user would, in a child process with a minimal environment (no inherited keys or proxies;
 * npm is told it is offline, so `npx` can only use what is installed). Throws with the sample's output unless it
 * exits 0.
 */
export function runSample(options: RunSampleOptions): Promise<{stdout: string, stderr: string}> {
    const [file, ...args] = options.command;
    const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LANG: "C.UTF-8",
        NO_COLOR: "1",
        THOLOS_BASE_URL: options.baseUrl,
        THOLOS_API_KEY: options.apiKey,
        npm_config_offline: "true",
        npm_config_update_notifier: "false",
        npm_config_fund: "false",
        npm_config_audit: "false"
    };
    return new Promise((resolve, reject) => {
        execFile(file, args, {cwd: options.cwd, env, timeout: options.timeout ?? 90_000, maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) => {
            if (error != null)
                reject(new Error(`${options.command.join(" ")} failed (${error.code ?? error.signal}):\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
            else
                resolve({stdout, stderr});
        });
    });
}
