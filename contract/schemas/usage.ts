import {z} from "zod";

export const CompletionUsage = z.object({
    prompt_tokens: z.number().int().describe("Tokens in the prompt, counted by the model's tokenizer."),
    completion_tokens: z.number().int().describe("Tokens generated."),
    total_tokens: z.number().int(),
    prompt_tokens_details: z.object({
        cached_tokens: z.number().int().describe("Prompt tokens the engine didn't read again: still held from an earlier request (the conversation so far) or restored from its prompt cache in RAM.")
    }).optional().describe("Chat answers: how much of the prompt was reused."),
    completion_tokens_details: z.object({
        reasoning_tokens: z.number().int().describe("Of `completion_tokens`, the thought's (`reasoning_content`).")
    }).optional().describe("Chat answers: how much of the completion was reasoning.")
}).describe("Exact token counts for the request.");
export type CompletionUsage = z.infer<typeof CompletionUsage>;
