import type {AppEngine, LoadEngine} from "../../../src/app/AppCoreDeps.js";
import {checkModelFile} from "../../../src/engine/checkModelFile.js";
import type {GenerateOptions} from "../../../src/engine/generation/GenerateOptions.js";

export type FakeEngine = AppEngine & {
    readonly disposed: boolean,

    /** Generations that have started and not ended yet. */
    readonly generating: number
};

/**
 * An engine that loads instantly: `/v1/models` answers with `id`, and a chat streams "tick " every 20 ms until its
 * request is aborted — an endless stream, to test what stopping the server does to open streams.
 */
export function createFakeEngine(id = "fake-model"): FakeEngine {
    let disposed = false;
    let generating = 0;
    const engine = {
        info: {id, createdAt: 0, backend: "cpu", contextLength: 256, trainContextLength: 256, parameters: null, sizeBytes: 0, chatTemplate: "default",
            architecture: "llama", chatWrapper: "General", toolCalls: "generic", reasoning: false},
        assertModel() {},
        generate: (_request: unknown, options: GenerateOptions = {}) => new Promise((_resolve, reject) => {
            generating++;
            options.onStart?.({promptTokens: 0});
            const timer = setInterval(() => options.onEvent?.({type: "text", choice: 0, text: "tick "}), 20);
            options.signal?.addEventListener("abort", () => {
                clearInterval(timer);
                generating--;
                reject(options.signal!.reason);
            }, {once: true});
        }),
        embed: () => Promise.reject(new Error("the fake engine does not embed")),
        async dispose() {
            disposed = true;
        },
        get disposed() {
            return disposed;
        },
        get generating() {
            return generating;
        }
    };
    return engine as unknown as FakeEngine;
}

/** A `LoadEngine` handing out fake engines after the real file checks (missing / not GGUF), reporting progress 0, ½, 1. */
export function createFakeLoader(): LoadEngine & {readonly loaded: FakeEngine[]} {
    const loaded: FakeEngine[] = [];
    const load = async (options: Parameters<LoadEngine>[0]) => {
        await checkModelFile(options.modelPath);
        for (const progress of [0, 0.5, 1]) options.onLoadProgress?.(progress);
        const engine = createFakeEngine();
        loaded.push(engine);
        return engine;
    };
    return Object.assign(load, {loaded});
}
