import {statfsSync} from "node:fs";
import os from "node:os";
import {stateFolderParent} from "../utils/stateFolderParent.js";

const mib = 1024 * 1024;

/**
 * The prompt cache's size when the settings don't say: a sixteenth of RAM, at most 1 GiB, and at most half of what
 * the state folder's file system has free. A saved state takes what the model's KV cache takes for those tokens
 * (measured: 0.6 KiB a token on stories260K, 33 KiB on the 80M bench model; an 8B model in f16 takes ≈ 128 KiB, so
 * 1 GiB holds two of its full 4096-token contexts), and the files sit in RAM beside the model and its contexts, which
 * matter more: on an 8 GiB laptop that is 512 MiB. (llama-server's `--cache-ram` defaults to 8 GiB, sized for a server
 * box.) Half the free space because /dev/shm can be small — Docker gives containers 64 MiB — and a full one makes
 * saves fail (which the cache survives, but each failed save costs time).
 */
export function defaultPromptCacheBytes(options: {totalMemory?: number, freeBytes?: number} = {}) {
    const totalMemory = options.totalMemory ?? os.totalmem();
    const freeBytes = options.freeBytes ?? folderFreeBytes();
    return Math.floor(Math.min(1024 * mib, totalMemory / 16, freeBytes / 2));
}

function folderFreeBytes() {
    try {
        const stats = statfsSync(stateFolderParent());
        return stats.bavail * stats.bsize;
    } catch {
        return Number.POSITIVE_INFINITY;
    }
}
