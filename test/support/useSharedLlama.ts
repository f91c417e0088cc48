import {getLlama, type Llama} from "node-llama-cpp";
import {afterAll, beforeAll} from "vitest";
import type {LoadEngine} from "../../src/app/AppCoreDeps.js";
import {LlamaEngine} from "../../src/engine/LlamaEngine.js";
import {testModelPath} from "./testModelPath.js";

/**
 * One llama.cpp runtime for a whole test file (CPU, as CI has no GPU), so each engine load there takes a moment.
 * Registers its own `beforeAll`/`afterAll`; read `modelPath` and use `loadEngine` inside tests.
 */
export function useSharedLlama() {
    let llama: Llama | undefined;
    const shared = {
        modelPath: "",
        loadEngine: ((options) => LlamaEngine.load({...options, llama})) as LoadEngine
    };
    beforeAll(async () => {
        shared.modelPath = await testModelPath();
        llama = await getLlama({gpu: false, build: "never", progressLogs: false});
    });
    afterAll(async () => {
        // After a failed (truncated) model load node-llama-cpp's dispose sometimes never settles (see LlamaEngine.load).
        await Promise.race([llama?.dispose(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    });
    return shared;
}
