import type {ToolCall} from "./GenerationRequest.js";

/** A finished generation. */
export type Generation = {
    /** The answer's text (never stop text, never a tool call's JSON). */
    text: string,
    toolCalls: readonly ToolCall[],

    /** `stop`: the model finished or met a stop text; `length`: `maxTokens` or the context ran out; `toolCalls`. */
    finishReason: GenerationFinishReason,
    usage: GenerationUsage
};

export type GenerationFinishReason = "stop" | "length" | "toolCalls";

export type GenerationUsage = {
    /** Tokens of the prompt as evaluated (BOS and chat template included). */
    promptTokens: number,

    /** Tokens generated, tool calls included. */
    completionTokens: number
};
