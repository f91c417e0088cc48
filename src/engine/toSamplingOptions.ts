import {TokenBias, type LlamaModel, type Token} from "node-llama-cpp";
import type {CreateCompletionRequest} from "../../contract/index.js";
import {EngineError} from "./EngineError.js";

/** The OpenAI sampling fields that chat completions and completions share. */
export type SamplingRequest = Pick<CreateCompletionRequest,
    "temperature" | "top_p" | "seed" | "stop" | "presence_penalty" | "frequency_penalty" | "logit_bias">;

/** OpenAI's default when `temperature` is omitted. */
export const defaultTemperature = 1;

/**
 * Maps OpenAI sampling fields onto node-llama-cpp's generation options.
 * - `temperature` (default 1, as OpenAI) and `top_p` (default 1) pass through; 0 is greedy.
 * - `presence_penalty`/`frequency_penalty` become llama.cpp's additive penalties of the same names over the last
 *   64 tokens, which is OpenAI's definition (subtract `presence` once, `frequency × count`); llama.cpp's
 *   multiplicative repeat penalty stays off (1), since OpenAI has none.
 * - `logit_bias` becomes a token bias: -100 bans the token, other values add to its logit; end-of-text tokens too.
 * - `seed`: same seed and parameters ⇒ the same text; without one, each request draws a fresh seed.
 */
export function toSamplingOptions(request: SamplingRequest, model: LlamaModel, vocabularySize: () => number) {
    const presencePenalty = request.presence_penalty ?? 0;
    const frequencyPenalty = request.frequency_penalty ?? 0;
    return {
        temperature: request.temperature ?? defaultTemperature,
        topP: request.top_p ?? undefined,
        seed: request.seed ?? undefined,
        customStopTriggers: request.stop == null
            ? undefined
            : (typeof request.stop === "string" ? [request.stop] : request.stop).filter((stop) => stop !== ""),
        repeatPenalty: presencePenalty === 0 && frequencyPenalty === 0
            ? false as const
            : {penalty: 1, presencePenalty, frequencyPenalty, lastTokens: 64, penalizeNewLine: true},
        tokenBias: toTokenBias(request.logit_bias, model, vocabularySize)
    };
}

function toTokenBias(logitBias: Record<string, number> | null | undefined, model: LlamaModel, vocabularySize: () => number) {
    if (logitBias == null || Object.keys(logitBias).length === 0) return undefined;

    const bias = TokenBias.for(model);
    for (const [key, value] of Object.entries(logitBias)) {
        const token = Number(key);
        if (!Number.isInteger(token) || token < 0 || token >= vocabularySize())
            throw new EngineError("invalid_parameter", `logit_bias key "${key}" is not a token id of this model (0–${vocabularySize() - 1}).`, {param: "logit_bias"});
        if (model.isEogToken(token as Token)) setEndOfGenerationBias(bias, token as Token, value <= -100 ? -Infinity : value);
        else bias.set(token as Token, value <= -100 ? "never" : {logit: value});
    }
    return bias;
}

/**
 * `TokenBias.set` silently skips end-of-generation tokens (node-llama-cpp 3.21.1), so `logit_bias` could neither ban
 * nor favour the end of the text, which OpenAI clients do (`{"50256": -100}` is the classic "don't stop"). The
 * sampler reads the bias table as it is, so such tokens are written into it directly. No upstream issue exists yet.
 */
function setEndOfGenerationBias(bias: TokenBias, token: Token, logit: number) {
    const table = (bias as unknown as {_biases?: unknown})._biases;
    if (!(table instanceof Map))
        throw new Error("node-llama-cpp's TokenBias no longer keeps its biases in `_biases`; revisit setEndOfGenerationBias.");
    table.set(token, logit);
}
