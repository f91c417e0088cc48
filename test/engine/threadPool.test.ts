import {readdir} from "node:fs/promises";
import {getLlama, type Llama} from "node-llama-cpp";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {LlamaEngine, hasPersistentThreadPool} from "../../src/engine/LlamaEngine.js";
import {testModelPath} from "../support/testModelPath.js";

/**
 * The engine built from source (scripts/build-engine.sh, patched node-llama-cpp) attaches a persistent ggml thread
 * pool to each context: its worker threads outlive a decode. With node-llama-cpp's prebuilt binaries each decode
 * starts and joins them (why more threads were slower, docs/performance.md). Counted in /proc, not timed.
 */
let llama: Llama;
const engines: LlamaEngine[] = [];
beforeAll(async () => {
    llama = await getLlama({gpu: false, build: "never", progressLogs: false});
});
afterAll(async () => {
    for (const engine of engines) await engine.dispose();
    await llama?.dispose();
});

const threadCount = async () => (await readdir("/proc/self/task")).length;

async function loadAndDecode(threads: number) {
    const engine = await LlamaEngine.load({modelPath: await testModelPath(), threads, gpu: "cpu", sequences: 1, llama});
    engines.push(engine);
    await engine.generate({prompt: {type: "text", text: "Once upon a time"}, maxTokens: 8, sampling: {temperature: 0}});
    return threadCount();
}

describe("the ggml thread pool", () => {
    it.runIf(process.platform === "linux")("persists on the local build: a 3-thread context keeps 2 more threads than a 1-thread one after decoding", async () => {
        const withOne = await loadAndDecode(1);
        const withThree = await loadAndDecode(3);
        expect(withThree - withOne).toBe(hasPersistentThreadPool(llama) ? 2 : 0);
    });

    it("the tests run on the local build wherever CI requires every test", async () => {
        if (process.env.THOLOS_REQUIRE_ALL_TESTS == null) return;
        expect(llama.buildType).toBe("localBuild");
    });
});
