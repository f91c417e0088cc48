import {z} from "zod";

export const Model = z.object({
    id: z.string().describe("The model's id: the file name of the loaded GGUF without its extension."),
    object: z.literal("model"),
    created: z.number().int().describe("Unix time (seconds) the model file was last modified."),
    owned_by: z.string().describe("Always `local`."),
    meta: z.object({
        backend: z.string().describe("The compute backend running the model: `cpu`, `metal`, `cuda` or `vulkan`."),
        context_length: z.number().int().describe("Tokens one request's prompt and completion may hold together."),
        train_context_length: z.number().int().describe("The context length the model was trained with."),
        parameters: z.number().int().nullable().describe("Parameter count when the file declares it."),
        size_bytes: z.number().int().describe("The model file's size in bytes."),
        chat_template: z.enum(["model", "default"]).describe("`model`: the model's own chat template; `default`: the server's plain-text template (the model has none)."),
        architecture: z.string().describe("The file's architecture (`llama`, `qwen3`, `gemma3`…)."),
        chat_wrapper: z.string().describe("What renders the template and parses answers (node-llama-cpp's chat wrapper: `Qwen`, `Llama 3.1`, `Jinja`…)."),
        capabilities: z.object({
            tool_calls: z.enum(["native", "generic"]).describe("`native`: calls in the model family's own syntax; `generic`: in a syntax the model wasn't trained on (forced calls work either way)."),
            reasoning: z.boolean().describe("Whether a thought segment is returned as `reasoning_content`.")
        })
    }).optional().describe("Tholos extension: facts about the loaded model.")
}).describe("A model the server can answer with.");
export type Model = z.infer<typeof Model>;

export const ModelList = z.object({
    object: z.literal("list"),
    data: z.array(Model)
});
export type ModelList = z.infer<typeof ModelList>;
