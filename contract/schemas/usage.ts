import {z} from "zod";

export const CompletionUsage = z.object({
    prompt_tokens: z.number().int().describe("Tokens in the prompt, counted by the model's tokenizer."),
    completion_tokens: z.number().int().describe("Tokens generated."),
    total_tokens: z.number().int()
}).describe("Exact token counts for the request.");
export type CompletionUsage = z.infer<typeof CompletionUsage>;
