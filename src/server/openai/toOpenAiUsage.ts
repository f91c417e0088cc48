import type {CompletionUsage} from "../../../contract/index.js";
import type {GenerationUsage} from "../../engine/generation/Generation.js";

/** The engine's token counts → OpenAI's `usage`. */
export function toOpenAiUsage(usage: GenerationUsage): CompletionUsage {
    return {prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens};
}
