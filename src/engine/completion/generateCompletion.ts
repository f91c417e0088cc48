import {LlamaCompletion, type Token} from "node-llama-cpp";
import type {CreateCompletionRequest} from "../../../contract/index.js";
import {EngineError} from "../EngineError.js";
import type {EngineRuntime, GenerateOptions, GenerationResult} from "../EngineRuntime.js";
import {toSamplingOptions} from "../toSamplingOptions.js";

/** One plain-text completion of one prompt (no chat template) on a pooled sequence. */
export async function generateCompletion(
    runtime: EngineRuntime, request: CreateCompletionRequest, prompt: string | readonly number[], options: GenerateOptions = {}
): Promise<GenerationResult> {
    const sampling = toSamplingOptions(request, runtime.model, runtime.vocabularySize);
    const input = typeof prompt === "string"
        ? runtime.model.tokenize(prompt, false, "trimLeadingSpace")
        : prompt as Token[];
    if (typeof prompt !== "string")
        for (const token of input)
            if (token >= runtime.vocabularySize())
                throw new EngineError("invalid_parameter", `Token ${token} is not in this model's vocabulary (0–${runtime.vocabularySize() - 1}).`, {param: "prompt"});

    // LlamaCompletion prepends BOS itself and silently drops the start of a prompt that doesn't fit; we refuse instead.
    const promptTokens = runtime.promptPrefix.length + input.length;
    const room = runtime.contextSize - promptTokens;
    if (room <= 0)
        throw new EngineError("context_length_exceeded",
            `This model's context holds ${runtime.contextSize} tokens per request, but the prompt takes ${promptTokens} tokens. Shorten the prompt.`,
            {param: "prompt"});
    const maxTokens = Math.min(request.max_tokens ?? room, room);

    const lease = await runtime.pool.acquire({tokens: [...runtime.promptPrefix, ...input], signal: options.signal});
    const completion = new LlamaCompletion({contextSequence: lease.item, autoDisposeSequence: false});
    try {
        options.onStart?.();
        let completionTokens = 0;
        const result = await completion.generateCompletionWithMeta(input, {
            ...sampling,
            signal: options.signal,
            maxTokens,
            disableContextShift: true,
            onToken(tokens) {
                completionTokens += tokens.length;
            },
            onTextChunk: options.onText
        });
        return {
            text: result.response,
            finishReason: result.metadata.stopReason === "maxTokens" ? "length" : "stop",
            usage: {prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens}
        };
    } finally {
        completion.dispose({disposeSequence: false});
        lease.release();
    }
}
