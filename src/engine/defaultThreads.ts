import os from "node:os";

/**
 * Threads llama.cpp uses when the settings don't say.
 * Measured on a 2-core machine (docs/performance.md): `threads: 2` decoded 4×–60× slower than `threads: 1`,
 * because ggml's spinning thread pool fights the JS thread for the cores. So we leave one core to JS
 * and, past that, at most 8 (more stop helping on CPU decode, which is memory bound).
 */
export function defaultThreads(cores: number = os.availableParallelism()) {
    return Math.max(1, Math.min(8, cores - 1));
}
