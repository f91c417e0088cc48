import {isComputeBound} from "./isComputeBound.js";

/**
 * llama.cpp's flash attention when the settings don't say: `false` (off) for small models on CPU, else `undefined`
 * (node-llama-cpp's default, "auto"). Measured on 2 cores (`npm run bench`, docs/performance.md): on stories260K
 * (attention heads of 8 values) the CPU kernel decoded at 0.78–0.84× and took 5.5–5.9× as long to the first token at
 * turn 10 of a chat; on an 80M-parameter model (heads of 64) it decoded at 1.08–1.21×, which outweighs its turn-10
 * cost there (≈ 1.1×).
 */
export function defaultFlashAttention(options: {parameters: number | null, cpu: boolean}): false | undefined {
    return options.cpu && !isComputeBound(options.parameters) ? false : undefined;
}
