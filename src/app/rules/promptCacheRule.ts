import {wholeNumberRule} from "./wholeNumberRule.js";

/**
 * MiB of RAM for the engine's prompt cache (prompts kept past their sequences, restored instead of read again) for
 * the next model load: 0 (off) to 65 536, or `null` for the engine's default (`defaultPromptCacheBytes()`: a sixteenth
 * of RAM, at most 1 GiB).
 */
export const promptCacheRule = wholeNumberRule(0, 65_536,
    (got) => `The prompt cache must be a whole number of MiB from 0 (off) to 65536, or auto for the default (got ${got}).`).nullable();
