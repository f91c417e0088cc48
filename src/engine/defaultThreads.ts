import os from "node:os";
import {isComputeBound} from "./isComputeBound.js";

/**
 * Threads llama.cpp uses when the settings don't say. Measured on a 2-core machine (`npm run bench`,
 * docs/performance.md):
 * - With the engine built from source (`scripts/build-engine.sh`: a persistent ggml thread pool per context), two
 *   threads beat one on both bench models (stories260K 2019–3030 vs 1692–1977 tok/s, the 80M model 85–109 vs 75–86).
 * - With node-llama-cpp's prebuilt binaries every decode starts and joins its threads, and on a busy machine waits for
 *   them to be scheduled: stories260K with two threads decoded at 0.04–0.08× of one; the 80M model, whose tokens are
 *   real compute, came out 0.5–1.3×. So there small models get one thread and compute-bound ones every core of 2.
 * On more cores one is left to JS and at most 8 are used (more stop helping on CPU decode, which is memory bound).
 *
 * @param parameters the model's parameter count; `null` when unknown (treated as small)
 * @param persistentThreadPool whether the loaded llama.cpp keeps its threads between decodes (the local build)
 */
export function defaultThreads(parameters: number | null, persistentThreadPool = false, cores: number = os.availableParallelism()) {
    if (cores <= 2 && (persistentThreadPool || isComputeBound(parameters))) return Math.max(1, cores);
    return Math.max(1, Math.min(8, cores - 1));
}
