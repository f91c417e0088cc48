/** One generated token's log-probability, with the most likely alternatives at its position. */
export type TokenLogprob = {
    /** The token's text (a token that is part of a multi-byte character shows as U+FFFD; `bytes` are exact). */
    token: string,
    bytes: number[],

    /** Natural log of its probability; a probability of 0 is reported as -9999 (JSON has no -Infinity), as OpenAI does. */
    logprob: number,

    /**
     * The `topLogprobs` most likely tokens at this position, most likely first; fewer where the sampler's top-k/top-p
     * left fewer candidates.
     */
    top: {token: string, bytes: number[], logprob: number}[]
};
