import {getLlama, type Llama, type LlamaContext, type LlamaContextOptions, type LlamaContextSequence} from "node-llama-cpp";
import {afterAll, beforeAll} from "vitest";
import {testModelPath} from "./testModelPath.js";

export type TestContext = {llama: Llama, context: LlamaContext, sequences: LlamaContextSequence[]};

/**
 * The test model on a node-llama-cpp context of its own for a whole test file (CPU, 1024 tokens, 1 thread unless
 * `options` say), with all its sequences taken: for tests of the patched engine below `LlamaEngine`. Registers its own
 * `beforeAll`/`afterAll`; read the fields inside tests.
 */
export function useTestContext(options: LlamaContextOptions & {sequences: number}): TestContext {
    const shared = {} as TestContext;
    beforeAll(async () => {
        shared.llama = await getLlama({gpu: false, build: "never", progressLogs: false});
        const model = await shared.llama.loadModel({modelPath: await testModelPath()});
        shared.context = await model.createContext({contextSize: 1024, threads: 1, ...options});
        shared.sequences = Array.from({length: options.sequences}, () => shared.context.getSequence());
    });
    afterAll(async () => {
        await shared.context?.model.dispose();
        await shared.llama?.dispose();
    });
    return shared;
}
