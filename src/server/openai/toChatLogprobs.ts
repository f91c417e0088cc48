import type {TokenLogprob} from "../../engine/generation/TokenLogprob.js";

/** The engine's token log-probabilities → Chat Completions' `logprobs` (`null` when the request didn't ask). */
export function toChatLogprobs(logprobs: readonly TokenLogprob[] | null | undefined) {
    if (logprobs == null) return null;
    return {
        content: logprobs.map((entry) => ({
            token: entry.token,
            logprob: entry.logprob,
            bytes: entry.bytes,
            top_logprobs: entry.top.map((alternative) => ({token: alternative.token, logprob: alternative.logprob, bytes: alternative.bytes}))
        })),
        refusal: null
    };
}
