import os from "node:os";

const mib = 1024 * 1024;

/**
 * The prompt cache's size when the settings don't say: a sixteenth of RAM, at most 1 GiB. A saved state takes what the
 * model's KV cache takes for those tokens (measured: 0.6 KiB a token on stories260K, 33 KiB on the 80M bench model; an
 * 8B model in f16 takes ≈ 128 KiB, so 1 GiB holds two of its full 4096-token contexts), and the states sit in RAM
 * beside the model and its contexts, which matter more: on an 8 GiB laptop that is 512 MiB. (llama-server's
 * `--cache-ram` defaults to 8 GiB, sized for a server box.) Without the local engine build the states are files in
 * /dev/shm (see `PromptCache`); where that is small (Docker gives containers 64 MiB) a save that doesn't fit fails and
 * the request reads its prompt, as without a cache.
 */
export function defaultPromptCacheBytes(options: {totalMemory?: number} = {}) {
    const totalMemory = options.totalMemory ?? os.totalmem();
    return Math.floor(Math.min(1024 * mib, totalMemory / 16));
}
