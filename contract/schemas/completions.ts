import {z} from "zod";
import {samplingFields} from "./common.js";
import {CompletionUsage} from "./usage.js";
import {FinishReason} from "./chat.js";

export const CreateCompletionRequest = z.object({
    prompt: z.union([
        z.string(),
        z.array(z.string()).min(1),
        z.array(z.number().int().min(0)).min(1),
        z.array(z.array(z.number().int().min(0)).min(1)).min(1)
    ]).describe("Text, texts, tokens or token lists. Several prompts give one choice each, in order."),
    ...samplingFields,
    echo: z.boolean().nullish().describe("Return the prompt before the completion (text prompts only). Default `false`."),
    suffix: z.string().nullish().describe("Not supported: a non-empty suffix is a 400."),
    best_of: z.number().int().min(1).nullish().describe("Only equal to `n` (no ranking of extra candidates) is supported. Default `n`."),
    logprobs: z.number().int().min(0).max(5).nullish().describe("Return each token's log-probability with this many (0–5) most likely alternatives, in `choices[].logprobs` (the distribution as for chat's `logprobs`). Default: none.")
}).describe("Fields OpenAI defines that are not listed here are accepted and ignored.");
export type CreateCompletionRequest = z.infer<typeof CreateCompletionRequest>;

export const CreateCompletionResponse = z.object({
    id: z.string(),
    object: z.literal("text_completion"),
    created: z.number().int(),
    model: z.string(),
    system_fingerprint: z.string().describe("`fp_tholos_<backend>`: answers with the same fingerprint, seed and parameters have the same text."),
    choices: z.array(z.object({
        index: z.number().int(),
        text: z.string(),
        logprobs: z.object({
            tokens: z.array(z.string()),
            token_logprobs: z.array(z.number()),
            top_logprobs: z.array(z.record(z.string(), z.number())).describe("Per position, token text → log-probability of the most likely tokens."),
            text_offset: z.array(z.number().int()).describe("Where each token starts in `text` (in characters, the echoed prompt included).")
        }).nullable().describe("With `logprobs`, the tokens' log-probabilities (of the generated text; an echoed prompt has none); else `null`."),
        finish_reason: FinishReason.nullable().describe("`null` in streamed events until the choice is finished.")
    })),
    usage: CompletionUsage.nullish().describe("Present in non-streamed answers, and in the last streamed event when `stream_options.include_usage` is set.")
}).describe("A completion; streamed answers send events of this shape holding the new text.");
export type CreateCompletionResponse = z.infer<typeof CreateCompletionResponse>;
