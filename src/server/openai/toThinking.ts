import type {GenerationRequest} from "../../engine/generation/GenerationRequest.js";

type Effort = "none" | "minimal" | "low" | "medium" | "high";

/**
 * OpenAI's reasoning effort (chat's `reasoning_effort`, Responses' `reasoning.effort`) → the engine's thinking:
 * `none` and `minimal` switch thinking off (as does `enable_thinking: false` in chat's template kwargs).
 */
export function toThinking(effort: Effort | null | undefined, enableThinking?: unknown): GenerationRequest["thinking"] {
    if (effort === "none" || effort === "minimal" || enableThinking === false) return "off";
    return effort ?? undefined;
}
