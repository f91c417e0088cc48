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
    chatTemplate: "model" | "default"
};
