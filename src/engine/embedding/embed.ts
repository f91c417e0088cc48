import type {LlamaEmbeddingContext, Token} from "node-llama-cpp";
import {EngineError} from "../EngineError.js";
import type {EngineRuntime} from "../EngineRuntime.js";

export type EmbedResult = {
    vectors: Float32Array[],
    promptTokens: number
};

/** Embeds each input in turn; token inputs are used as they are. */
export async function embed(
    context: LlamaEmbeddingContext, runtime: EngineRuntime, inputs: readonly (string | readonly number[])[], options: {signal?: AbortSignal}
): Promise<EmbedResult> {
    const vectors: Float32Array[] = [];
    let promptTokens = 0;
    for (const [index, input] of inputs.entries()) {
        options.signal?.throwIfAborted();
        const tokens = typeof input === "string" ? runtime.model.tokenize(input) : input as Token[];
        if (tokens.length === 0)
            throw new EngineError("invalid_parameter", `input[${index}] is empty; there is nothing to embed.`, {param: "input"});
        if (tokens.length > runtime.contextSize)
            throw new EngineError("context_length_exceeded",
                `input[${index}] takes ${tokens.length} tokens, more than the ${runtime.contextSize} this model embeds at once.`, {param: "input"});
        if (typeof input !== "string" && tokens.some((token) => token >= runtime.vocabularySize()))
            throw new EngineError("invalid_parameter", `input[${index}] holds a token id outside this model's vocabulary.`, {param: "input"});
        const embedding = await context.getEmbeddingFor(tokens);
        vectors.push(Float32Array.from(embedding.vector));
        promptTokens += tokens.length;
    }
    return {vectors, promptTokens};
}
