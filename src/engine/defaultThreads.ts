import os from "node:os";
import {isComputeBound} from "./isComputeBound.js";

/**
 * Threads llama.cpp uses when the settings don't say. Measured on a 2-core machine (`npm run bench`,
 * docs/performance.md): on stories260K `threads: 2` decoded 0.06–0.08× as fast as `threads: 1`, because ggml's
 * spinning thread pool fights the JS thread for the cores when each token is little work; on an 80M-parameter model,
 * where each token is real compute, `threads: 2` was 1.08–1.31× as fast. So on ≤ 2 cores small models get one thread
 * and compute-bound ones every core; on more cores we leave one core to JS and, past that, use at most 8 (more stop
 * helping on CPU decode, which is memory bound).
 *
 * @param parameters the model's parameter count; `null` when unknown (treated as small)
 */
export function defaultThreads(parameters: number | null, cores: number = os.availableParallelism()) {
    if (cores <= 2 && isComputeBound(parameters)) return Math.max(1, cores);
    return Math.max(1, Math.min(8, cores - 1));
}
