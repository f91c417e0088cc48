import {z} from "zod";

export const CreateEmbeddingRequest = z.object({
    input: z.union([
        z.string(),
        z.array(z.string()).min(1).max(2048),
        z.array(z.number().int().min(0)).min(1),
        z.array(z.array(z.number().int().min(0)).min(1)).min(1).max(2048)
    ]).describe("Text, texts, tokens or token lists to embed."),
    model: z.string().optional().describe("The model id; omit it for the loaded model."),
    encoding_format: z.enum(["float", "base64"]).optional().describe("`float` (default) or `base64` (little-endian float32)."),
    dimensions: z.number().int().min(1).optional().describe("Not supported: any value but the model's own size is a 400."),
    user: z.string().optional().describe("Accepted and ignored.")
});
export type CreateEmbeddingRequest = z.infer<typeof CreateEmbeddingRequest>;

export const Embedding = z.object({
    index: z.number().int(),
    object: z.literal("embedding"),
    embedding: z.union([z.array(z.number()), z.string()]).describe("Floats, or base64 of little-endian float32 when asked for.")
});

export const CreateEmbeddingResponse = z.object({
    object: z.literal("list"),
    data: z.array(Embedding),
    model: z.string(),
    usage: z.object({
        prompt_tokens: z.number().int(),
        total_tokens: z.number().int()
    })
});
export type CreateEmbeddingResponse = z.infer<typeof CreateEmbeddingResponse>;
