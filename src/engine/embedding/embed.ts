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
        if (typeof input !== "string" && tokens.some((token) => token >= runtime.vocabularySize()))
            throw new EngineError("invalid_parameter", `input[${index}] holds a token id outside this model's vocabulary.`, {param: "input"});
        // What is really evaluated: node-llama-cpp adds the model's BOS (and EOS, for some) around the input, and
        // refuses with a plain Error (a 500) anything that doesn't leave one token of the context free.
        const evaluated = context.calculateInputLength(tokens);
        if (evaluated >= runtime.contextSize)
            throw new EngineError("context_length_exceeded",
                `input[${index}] takes ${evaluated} tokens, but this model embeds at most ${runtime.contextSize - 1} at once.`, {param: "input"});
        const embedding = await context.getEmbeddingFor(tokens);
        vectors.push(normalize(Float32Array.from(embedding.vector)));
        promptTokens += evaluated;
    }
    return {vectors, promptTokens};
}

/** Unit length, as OpenAI's embeddings are, so a dot product is the cosine similarity clients expect. */
function normalize(vector: Float32Array) {
    const length = Math.hypot(...vector);
    if (length > 0)
        for (let i = 0; i < vector.length; i++) vector[i]! /= length;
    return vector;
}
