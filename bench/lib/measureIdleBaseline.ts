import {execFile} from "node:child_process";
import {promisify} from "node:util";

/**
 * Resident memory of a bare node-llama-cpp process holding the model and a context like the server's (idleBaseline.mjs):
 * the idle baseline the server is compared with, in MiB.
 */
export async function measureIdleBaseline(options: {
    modelPath: string, threads: number, sequences: number, contextSize: number, flashAttention: boolean | undefined
}) {
    const script = new URL("./idleBaseline.mjs", import.meta.url).pathname;
    const {stdout} = await promisify(execFile)(process.execPath, [
        script, options.modelPath, String(options.threads), String(options.sequences), String(options.contextSize),
        String(options.flashAttention ?? "default")
    ]);
    return (JSON.parse(stdout.trim().split("\n").at(-1)!) as {rss: number}).rss / 2 ** 20;
}
