import type {FinishReason} from "../../../contract/index.js";
import type {GenerationFinishReason} from "../../engine/generation/Generation.js";

/** The engine's finish reason → OpenAI's `finish_reason`. */
export function toFinishReason(reason: GenerationFinishReason): FinishReason {
    return reason === "toolCalls" ? "tool_calls" : reason;
}
