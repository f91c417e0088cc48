import type {ToolCall} from "./GenerationRequest.js";
import type {TokenLogprob} from "./TokenLogprob.js";

/** A finished generation: one entry per requested choice, in order. */
export type Generation = {
    choices: readonly GenerationChoice[],

    /** The prompt's tokens once, and every choice's generated tokens together. */
    usage: GenerationUsage
};

export type GenerationChoice = {
    /** The answer's text (never stop text, never a tool call's JSON, never the reasoning). */
    text: string,

    /** What a thinking model reasoned before answering (its template's thought segment); `""` when nothing. */
    reasoning: string,
    toolCalls: readonly ToolCall[],

    /** `stop`: the model finished or met a stop text; `length`: `maxTokens` or the context ran out; `toolCalls`. */
    finishReason: GenerationFinishReason,

    /** The stop text that ended a chat answer (`finishReason` `stop`); absent when the model ended it or for text prompts. */
    stopSequence?: string,

    /** The answer text's tokens with their log-probabilities, when the request asked for them; else `null`. */
    logprobs: TokenLogprob[] | null
};

export type GenerationFinishReason = "stop" | "length" | "toolCalls";

export type GenerationUsage = {
    /** Tokens of the prompt as evaluated (BOS and chat template included). */
    promptTokens: number,

    /** Tokens generated, reasoning and tool calls included. */
    completionTokens: number,

    /** Of `completionTokens`, the thought's (its text; a thinking model's chat answer). Default 0. */
    reasoningTokens?: number,

    /** Of `promptTokens`, those the sequence already held and didn't evaluate again (chat prompts). Default 0. */
    cachedPromptTokens?: number
};
