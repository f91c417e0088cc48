import {spawn} from "node:child_process";
import {readFileSync, statSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {describe, expect, test} from "vitest";
import {makeTempDir} from "../app/utils/makeTempDir.js";
import {testModelPath} from "../support/testModelPath.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = fileURLToPath(new URL("../../bin/tholos.js", import.meta.url));
const key = "bundle-test-key-0123456789";

// Prints every module URL the process loads (ES modules and require() alike) to stderr
const logLoads = "data:text/javascript," + encodeURIComponent(
    "import {registerHooks} from \"node:module\";" +
    "registerHooks({load(url, context, next) { process.stderr.write(\"LOADED \" + url + \"\\n\"); return next(url, context); }});");

/** `bin/tholos.js serve` on the model, as a user runs it; answers one chat request, then stops. */
async function serveOnce(modelPath: string) {
    const child = spawn(process.execPath, ["--import", logLoads, bin, "serve", "--model", modelPath, "--port", "0", "--gpu", "cpu"], {
        cwd: root, env: {...process.env, THOLOS_HOME: await makeTempDir(), THOLOS_API_KEY: key, THOLOS_KEYCHAIN: "never"},
        stdio: ["ignore", "pipe", "pipe"]
    });
    let stdout = "", stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr += chunk);
    try {
        const baseUrl = await new Promise<string>((resolve, reject) => {
            child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
                stdout += chunk;
                const running = /Running — (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
                if (running != null) resolve(running[1]!);
            });
            child.once("exit", (code) => reject(new Error(`tholos serve exited (${code}):\n${stdout}\n${stderr.slice(-4000)}`)));
        });
        const response = await fetch(`${baseUrl}/v1/chat/completions`, {
            method: "POST",
            headers: {"authorization": `Bearer ${key}`, "content-type": "application/json"},
            body: JSON.stringify({messages: [{role: "user", content: "Hello"}], max_tokens: 8, temperature: 0})
        });
        return {
            status: response.status,
            body: await response.json() as {choices: unknown[], usage: {completion_tokens: number}},
            loaded: stderr.match(/^LOADED \S+/gm)!.map((line) => line.slice(7)),
            // Native addons load through dlopen, which the hook doesn't see: the files mapped into the process show them
            addons: [...new Set(readFileSync(`/proc/${child.pid}/maps`, "utf8").match(/\/\S+\.node$/gm))]
        };
    } finally {
        child.kill("SIGTERM");
    }
}

describe("bin/tholos.js runs the CLI's esbuild bundle (npm run build)", () => {
    test("serve loads dist/bundle, not the modules it was built from, and its engine and server answer", async () => {
        // npm ci's prepare and the bench run `npm run build`: tsc, then the bundle, so it is newer than tsc's output
        expect(statSync(`${root}dist/bundle/main.js`).mtimeMs).toBeGreaterThanOrEqual(statSync(`${root}dist/src/cli/main.js`).mtimeMs);

        const {status, body, loaded, addons} = await serveOnce(await testModelPath());
        expect(status).toBe(200);
        expect(body.choices).toHaveLength(1);
        expect(body.usage.completion_tokens).toBeGreaterThan(0);

        const files = loaded.filter((url) => url.startsWith("file:")).map((url) => fileURLToPath(url).slice(root.length));
        expect(files).toContain("dist/bundle/main.js");
        // node-llama-cpp found its llama.cpp binding from the file URLs its bundled modules kept
        expect(addons.some((file) => /\/node_modules\/(node-llama-cpp\/llama|@node-llama-cpp)\/.*llama-addon\.node$/.test(file))).toBe(true);
        // Only what the bundle leaves out loads from elsewhere: native addons and the packages around them
        const outside = files.filter((file) => !file.startsWith("dist/bundle/") && !file.endsWith(".node") && file !== "bin/tholos.js");
        expect(outside.filter((file) => !/^node_modules\/(better-sqlite3|bindings|file-uri-to-path)\//.test(file))).toEqual([]);
    });
});
