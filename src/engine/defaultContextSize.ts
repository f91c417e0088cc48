/** Tokens per sequence when the settings don't say: the model's training context, at most 4096. */
export function defaultContextSize(trainContextSize: number) {
    return Math.min(trainContextSize, 4096);
}
