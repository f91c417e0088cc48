/**
 * What the engine is asked to generate, in its own words: no wire format reaches below this type. Each protocol
 * adapter (src/server/<protocol>/) builds one from its request and validates its own fields first.
 */
export type GenerationRequest = {
    prompt: ChatPrompt | TextPrompt,
    sampling?: SamplingOptions,

    /** Texts that end the generation; the matched text is not part of the answer. Default: none. */
    stop?: readonly string[],

    /** What the answer must be. Default `{type: "none"}`. */
    constraint?: GenerationConstraint,

    /** Functions a chat answer may call (chat prompts only). Default: none. */
    tools?: readonly ToolDefinition[],

    /** Default `"auto"` when tools are given. */
    toolChoice?: ToolChoice,

    /**
     * Whether the model may make several calls in one answer, where its template has a syntax for that (Qwen, Mistral);
     * `false` stops after the first. Default `true`.
     */
    parallelToolCalls?: boolean,

    /** Most tokens to generate, per choice. Default: until the model stops or the context is full. */
    maxTokens?: number,

    /**
     * Independent answers to generate, at once on separate sequences. With a seed, choice `i` uses `seed + i` (so
     * the same request gives the same choices); without one, each draws its own. Default 1.
     */
    choices?: number,

    /**
     * How much a thinking model thinks before answering, through its template's switch where it has one (`off`: Qwen 3's
     * no-think mode; `low`/`medium`/`high`: gpt-oss's reasoning effort), ignored where it hasn't. Default `auto` (as the
     * template does by default).
     */
    thinking?: "auto" | "off" | "low" | "medium" | "high",

    /**
     * Most tokens a thinking model's thought may take; past it the thought is closed and the model answers. Default:
     * node-llama-cpp's (half the context, three quarters from 8192 tokens).
     */
    thinkingBudget?: number,

    /**
     * Report each answer token's log-probability with this many most likely alternatives (0–20); see
     * `LogprobRecorder` for which distribution. Default: no log-probabilities.
     */
    topLogprobs?: number
};

/** A conversation rendered through the model's chat template. */
export type ChatPrompt = {type: "chat", messages: readonly ChatMessage[]};

/** A plain prompt (no template): text, or token ids. */
export type TextPrompt = {type: "text", text: string | readonly number[]};

export type ChatMessage =
    | {role: "system", text: string}
    | {role: "user", text: string}
    | {role: "assistant", text: string, toolCalls?: readonly ToolCall[]}
    | {role: "tool", toolCallId: string, text: string};

export type ToolCall = {
    id: string,
    name: string,

    /** The arguments as a JSON text. */
    arguments: string
};

export type ToolDefinition = {
    name: string,
    description?: string,

    /** A JSON Schema for the arguments. Default: any object. */
    parameters?: Readonly<Record<string, unknown>>
};

/** `required` or a named function forces a call; `none` forbids one. */
export type ToolChoice = "auto" | "none" | "required" | {name: string};

export type GenerationConstraint =
    | {type: "none"}
    | {type: "json"}
    | {type: "jsonSchema", schema: Readonly<Record<string, unknown>>};

export type SamplingOptions = {
    /** 0 is greedy. Default 1. */
    temperature?: number,

    /** Nucleus sampling mass. Default 1. */
    topP?: number,

    /** Sample only from this many most likely tokens; 0 means all of them. Default: llama.cpp's (40). */
    topK?: number,

    /** Same seed and request ⇒ the same text. Any integer (taken modulo 2³²). Default: a fresh random seed. */
    seed?: number,

    /** Additive penalties over the last 64 tokens, as OpenAI defines them. Default 0. */
    presencePenalty?: number,
    frequencyPenalty?: number,

    /** Token id → bias added to its logit; `-Infinity` bans it. Default: none. */
    tokenBias?: ReadonlyMap<number, number>
};
