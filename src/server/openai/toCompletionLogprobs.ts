import type {TokenLogprob} from "../../engine/generation/TokenLogprob.js";

/**
 * The engine's token log-probabilities → the (legacy) Completions `logprobs`: parallel lists, `text_offset` counted
 * in characters from `offset` (where the generated text starts in the choice's `text`, after an echoed prompt).
 */
export function toCompletionLogprobs(logprobs: readonly TokenLogprob[] | null | undefined, offset: number) {
    if (logprobs == null) return null;
    const textOffset: number[] = [];
    let at = offset;
    for (const entry of logprobs) {
        textOffset.push(at);
        at += entry.token.length;
    }
    return {
        tokens: logprobs.map((entry) => entry.token),
        token_logprobs: logprobs.map((entry) => entry.logprob),
        top_logprobs: logprobs.map((entry) => Object.fromEntries(entry.top.map((alternative) => [alternative.token, alternative.logprob]))),
        text_offset: textOffset
    };
}
