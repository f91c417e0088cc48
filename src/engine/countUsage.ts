import type {GenerationUsage} from "./generation/Generation.js";

export type CountUsageOptions = {
    /** Tokens of the prompt as evaluated (BOS and chat template included). */
    promptTokens: number,

    /** Tokens the generator reported through `onToken`. */
    reportedTokens: number,

    /** The `maxTokens` the generator was given. */
    maxTokens: number,

    /** The generation's stop reason. */
    stopReason: string
};

/**
 * `usage` of one generation. When `maxTokens` ended it, exactly `maxTokens` tokens were sampled (node-llama-cpp
 * stops on its own count of sampled tokens), but `onToken` misses those held back at the end — bytes of an unfinished
 * UTF-8 character, whitespace a grammar trims, the start of a possible stop sequence — and reported 0 for 5 tokens
 * really generated. Otherwise the reported tokens are the answer's (a matched stop sequence is not part of it).
 */
export function countUsage(options: CountUsageOptions): GenerationUsage {
    return {
        promptTokens: options.promptTokens,
        completionTokens: options.stopReason === "maxTokens" ? options.maxTokens : options.reportedTokens
    };
}
