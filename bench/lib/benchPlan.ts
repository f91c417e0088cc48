/** How much of each measurement one model gets; `quick` is the CI smoke (proves the bench runs, measures nothing). */
export type BenchPlan = {
    /** Interleaved A/B rounds for single-stream figures (and threads 1 vs 2). */
    rounds: number,

    /** `max_tokens` of throughput requests. */
    tokens: number,

    /** Simultaneous streaming clients to try. */
    concurrency: number[],

    /** Rounds per concurrency level. */
    concurrencyRounds: number,

    /** Conversations and their length for the multi-turn figure. */
    conversations: number,
    turns: number,
    tokensPerTurn: number,

    /** Requests for the memory-growth figure, and their `max_tokens`. */
    growthRequests: number,
    growthTokens: number,

    /** Extra start/stop cycles for the cold-start figure. */
    coldStarts: number
};

export const fullPlan: BenchPlan = {
    rounds: 15, tokens: 200, concurrency: [1, 2, 4, 8], concurrencyRounds: 3,
    conversations: 3, turns: 10, tokensPerTurn: 24, growthRequests: 1_000, growthTokens: 8, coldStarts: 3
};

/** The ~80M-parameter model decodes ~25 tok/s on 2 cores: fewer and shorter runs, same shape. */
export const largeModelPlan: BenchPlan = {
    rounds: 3, tokens: 48, concurrency: [1, 2, 4, 8], concurrencyRounds: 1,
    conversations: 1, turns: 10, tokensPerTurn: 8, growthRequests: 1_000, growthTokens: 1, coldStarts: 1
};

export const quickPlan: BenchPlan = {
    rounds: 1, tokens: 16, concurrency: [1, 2], concurrencyRounds: 1,
    conversations: 1, turns: 3, tokensPerTurn: 8, growthRequests: 20, growthTokens: 4, coldStarts: 0
};
