import type {SamplingOptions} from "../../engine/generation/GenerationRequest.js";
import {ApiError} from "../ApiError.js";

type OpenAiSampling = {
    temperature?: number | null,
    top_p?: number | null,
    seed?: number | null,
    presence_penalty?: number | null,
    frequency_penalty?: number | null,
    logit_bias?: Record<string, number> | null
};

/** OpenAI's sampling fields (chat and completions share them) → the engine's; `logit_bias` -100 bans the token. */
export function toSampling(body: OpenAiSampling): SamplingOptions {
    let tokenBias: Map<number, number> | undefined;
    for (const [key, value] of Object.entries(body.logit_bias ?? {})) {
        const token = Number(key);
        if (!/^\d+$/.test(key) || !Number.isSafeInteger(token))
            throw new ApiError("invalid_parameter", `logit_bias key "${key}" is not a token id.`, "logit_bias");
        (tokenBias ??= new Map()).set(token, value <= -100 ? -Infinity : value);
    }
    return {
        temperature: body.temperature ?? undefined,
        topP: body.top_p ?? undefined,
        seed: body.seed ?? undefined,
        presencePenalty: body.presence_penalty ?? undefined,
        frequencyPenalty: body.frequency_penalty ?? undefined,
        tokenBias
    };
}
