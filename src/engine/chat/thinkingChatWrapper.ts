import {HarmonyChatWrapper, QwenChatWrapper, resolveChatWrapper, type ChatWrapper, type LlamaModel} from "node-llama-cpp";
import type {GenerationRequest} from "../generation/GenerationRequest.js";

type Thinking = NonNullable<GenerationRequest["thinking"]>;

/**
 * The model's chat wrapper set for how much it should think, where its template has a switch for that: Qwen 3's
 * no-think mode (`enable_thinking`, node-llama-cpp's `thoughts: "discourage"`) for `off`, gpt-oss's `Reasoning:` line
 * (low, medium, high; `off` is its lowest, as gpt-oss always reasons). Other wrappers have no switch: the same wrapper.
 * Variants are resolved once each.
 */
export function createThinkingChatWrappers(model: LlamaModel, chatWrapper: ChatWrapper) {
    const variants = new Map<Thinking, ChatWrapper>();
    return (thinking: Thinking = "auto"): ChatWrapper => {
        const settings = thinkingSettings(chatWrapper, thinking);
        if (settings == null) return chatWrapper;
        let variant = variants.get(thinking);
        if (variant == null) {
            variant = resolveChatWrapper(model, {customWrapperSettings: settings});
            variants.set(thinking, variant);
        }
        return variant;
    };
}

function thinkingSettings(chatWrapper: ChatWrapper, thinking: Thinking) {
    if (thinking === "auto") return null;
    if (chatWrapper instanceof QwenChatWrapper)
        return thinking === "off" ? {qwen: {thoughts: "discourage" as const}} : null;
    if (chatWrapper instanceof HarmonyChatWrapper)
        return {harmony: {reasoningEffort: thinking === "off" ? "low" as const : thinking}};
    return null;
}
