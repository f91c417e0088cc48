import {wholeNumberRule} from "./wholeNumberRule.js";

/**
 * Tokens per sequence (prompt + completion of one request) for the next model load: 128–1 048 576, or `null` for the
 * engine's default (the model's training context, at most 4096 — `defaultContextSize()`).
 */
export const contextSizeRule = wholeNumberRule(128, 1_048_576,
    (got) => `The context size must be a whole number of tokens from 128 to 1048576, or auto for the model's default (got ${got}).`).nullable();
