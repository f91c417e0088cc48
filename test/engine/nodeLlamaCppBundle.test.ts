import {execFile} from "node:child_process";
import {promisify} from "node:util";
import {describe, expect, test} from "vitest";
import {testModelPath} from "../support/testModelPath.js";

const run = promisify(execFile);
const root = new URL("../../", import.meta.url);

/**
 * A fresh Node process (bin/tholos.js's runtime) that imports node-llama-cpp, with or without the bundle redirect, and
 * runs the model through it: which file it loaded, which llama.cpp build it found from there, whether its context-init
 * lock showed through the app's lifecycle-utils, 8 tokens' worth of text, the chat wrapper its template resolves to.
 */
async function probe(useBundle: boolean, modelPath: string) {
    const script = `
        const {useNodeLlamaCppBundle} = await import("./dist/src/engine/nodeLlamaCppBundle.js");
        const bundleUrl = ${useBundle} ? useNodeLlamaCppBundle() : null;
        const {getLlama, LlamaCompletion, resolveChatWrapper} = await import("node-llama-cpp");
        const llama = await getLlama({gpu: false, build: "never", progressLogs: false});
        const model = await llama.loadModel({modelPath: ${JSON.stringify(modelPath)}});
        // The engine waits for node-llama-cpp's context-init lock through the one shared lifecycle-utils (LlamaEngine.load)
        const {isLockActive} = await import("lifecycle-utils");
        let settled = false, sawInitLock = false;
        const creating = model.createContext({contextSize: 256, threads: 1}).finally(() => settled = true);
        while (!settled) {
            sawInitLock ||= isLockActive([llama._memoryLock, "addonInit"]);
            await new Promise(setImmediate);
        }
        const context = await creating;
        const text = await new LlamaCompletion({contextSequence: context.getSequence()})
            .generateCompletion("Once upon a time", {maxTokens: 8, temperature: 0});
        const result = {bundleUrl, resolved: import.meta.resolve("node-llama-cpp"), buildType: llama.buildType, text, wrapper: resolveChatWrapper(model).wrapperName, sawInitLock};
        await llama.dispose();
        process.stdout.write(JSON.stringify(result));`;
    const {stdout} = await run(process.execPath, ["--input-type=module", "-e", script], {cwd: root, timeout: 60_000});
    return JSON.parse(stdout) as {bundleUrl: string | null, resolved: string, buildType: string, text: string, wrapper: string, sawInitLock: boolean};
}

describe("node-llama-cpp from its one-file bundle (npm run build)", () => {
    test("the redirect loads the bundle, which finds the same llama.cpp build and writes what the package writes", async () => {
        const modelPath = await testModelPath();
        const [bundled, unbundled] = await Promise.all([probe(true, modelPath), probe(false, modelPath)]);

        expect(bundled.bundleUrl).toMatch(/\/node_modules\/node-llama-cpp\/dist\/tholos\.bundle\.js$/);
        expect(bundled.resolved).toBe(bundled.bundleUrl);
        expect(unbundled.resolved).toMatch(/\/node_modules\/node-llama-cpp\/dist\/index\.js$/);
        // Paths node-llama-cpp computes from its own files (its local build, its binaries) still resolve
        expect(bundled.buildType).toBe(unbundled.buildType);
        // Greedy decoding: the same model through either copy writes the same text
        expect(bundled.text.length).toBeGreaterThan(0);
        expect(bundled.text).toBe(unbundled.text);
        expect(bundled.wrapper).toBe(unbundled.wrapper);
        expect(bundled.sawInitLock).toBe(true);
        expect(unbundled.sawInitLock).toBe(true);
    });
});
