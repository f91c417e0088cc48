import type {CompletionUsage} from "../../../contract/index.js";
import type {GenerationUsage} from "../../engine/generation/Generation.js";

/** The engine's token counts → OpenAI's `usage`; chat answers (`details`) add the cached and reasoning breakdowns, as OpenAI's do. */
export function toOpenAiUsage(usage: GenerationUsage, {details = false}: {details?: boolean} = {}): CompletionUsage {
    return {
        prompt_tokens: usage.promptTokens,
        completion_tokens: usage.completionTokens,
        total_tokens: usage.promptTokens + usage.completionTokens,
        ...(details
            ? {
                prompt_tokens_details: {cached_tokens: usage.cachedPromptTokens ?? 0},
                completion_tokens_details: {reasoning_tokens: usage.reasoningTokens ?? 0}
            }
            : {})
    };
}
