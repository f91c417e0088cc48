/** Facts about the loaded model, in the engine's words; each protocol adapter shapes its own model object from them. */
export type EngineModelInfo = {
    /** The GGUF file's name without its extension. */
    id: string,

    /** When the model file was last modified (Unix seconds). */
    createdAt: number,

    /** The compute backend: `cpu`, `metal`, `cuda` or `vulkan`. */
    backend: string,

    /** Tokens one request's prompt and answer may hold together. */
    contextLength: number,
    trainContextLength: number,

    /** The parameter count, when the file declares it. */
    parameters: number | null,
    sizeBytes: number,

    /** `model`: the model's own chat template; `default`: the server's plain-text one (the model has none). */
    chatTemplate: "model" | "default",

    /** The file's `general.architecture` (`llama`, `qwen3`, `gemma3`…). */
    architecture: string,

    /** The node-llama-cpp chat wrapper that renders the template and parses the answer (`Qwen`, `Llama 3.1`, `Jinja`…). */
    chatWrapper: string,

    /**
     * How tool calls are written: `native`, in the family's own call syntax (which the wrapper parses); `generic`, in
     * node-llama-cpp's generic syntax, which a model wasn't trained on (forced calls work either way, under a grammar).
     */
    toolCalls: "native" | "generic",

    /** Whether the wrapper separates a thought segment (Qwen 3's `<think>`, …) into reasoning. */
    reasoning: boolean
};
