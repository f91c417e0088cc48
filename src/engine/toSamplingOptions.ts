import {randomInt} from "node:crypto";
import {TokenBias, type LlamaModel, type Token} from "node-llama-cpp";
import {EngineError} from "./EngineError.js";
import type {SamplingOptions} from "./generation/GenerationRequest.js";

/** The default when `temperature` is omitted (OpenAI's). */
export const defaultTemperature = 1;

/**
 * Below this a temperature samples as 0 (greedy). llama.cpp divides float logits by the temperature, so a tiny
 * positive one (5.3e-42 from the fuzz test) turns them into ±Infinity, top-p then keeps no candidate and the decode
 * fails with "Failed to sample next token". At 1e-6 a logit gap of 0.00002 already makes the runner-up e^-20 as
 * likely as the top token: greedy in all but name.
 */
const greedyBelow = 1e-6;

/**
 * The engine's sampling options → node-llama-cpp's generation options.
 * - `temperature` (default 1), `topP` (default 1) and `topK` (default: all tokens) pass through; temperature 0 (or
 *   below 1e-6) is greedy.
 * - `presencePenalty`/`frequencyPenalty` become llama.cpp's additive penalties of the same names over the last 64
 *   tokens (subtract `presence` once, `frequency × count`); llama.cpp's multiplicative repeat penalty stays off (1).
 * - `tokenBias`: `-Infinity` bans the token, other values add to its logit; end-of-text tokens too.
 * - `seed`: taken modulo 2³² (llama.cpp's seed is 32-bit); without one, a fresh random seed. node-llama-cpp would
 *   otherwise seed from the current second, so concurrent unseeded requests wrote the same text.
 */
export function toSamplingOptions(sampling: SamplingOptions, model: LlamaModel, vocabularySize: () => number) {
    const presencePenalty = sampling.presencePenalty ?? 0;
    const frequencyPenalty = sampling.frequencyPenalty ?? 0;
    return {
        temperature: toTemperature(sampling.temperature ?? defaultTemperature),
        topP: sampling.topP,
        topK: sampling.topK,
        seed: sampling.seed == null ? randomInt(0, 2 ** 32) : Number(BigInt.asUintN(32, BigInt(sampling.seed))),
        repeatPenalty: presencePenalty === 0 && frequencyPenalty === 0
            ? false as const
            : {penalty: 1, presencePenalty, frequencyPenalty, lastTokens: 64, penalizeNewLine: true},
        tokenBias: toTokenBias(sampling.tokenBias, model, vocabularySize)
    };
}

function toTemperature(temperature: number) {
    return temperature < greedyBelow ? 0 : temperature;
}

function toTokenBias(biases: ReadonlyMap<number, number> | undefined, model: LlamaModel, vocabularySize: () => number) {
    if (biases == null || biases.size === 0) return undefined;

    const bias = TokenBias.for(model);
    const table = biasTable(bias);
    const size = vocabularySize();
    for (const [token, value] of biases) {
        if (!Number.isInteger(token) || token < 0 || token >= size)
            throw new EngineError("invalid_parameter", `token ${token} is not a token id of this model (0–${size - 1}).`,
                {param: "sampling.tokenBias"});
        table.set(token as Token, value);
    }
    return bias;
}

/**
 * The bias table node-llama-cpp's sampler reads (token → logit added, `-Infinity` bans), written directly rather than
 * through `TokenBias.set`, which silently skips end-of-generation tokens (node-llama-cpp 3.21.1), so a bias could
 * neither ban nor favour the end of the text, which OpenAI clients do (`{"50256": -100}` is the classic "don't
 * stop"). `set` also tokenizes its input twice and asks the model twice whether each token ends generation: for a
 * 256-entry `logit_bias` that was a third of a young server's JS before the prompt's decode (docs/performance.md).
 * No upstream issue exists yet.
 */
function biasTable(bias: TokenBias): Map<Token, number> {
    const table = (bias as unknown as {_biases?: unknown})._biases;
    if (!(table instanceof Map))
        throw new Error("node-llama-cpp's TokenBias no longer keeps its biases in `_biases`; revisit toSamplingOptions' biasTable.");
    return table as Map<Token, number>;
}
