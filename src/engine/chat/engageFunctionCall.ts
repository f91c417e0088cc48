import {ChatWrapper, type ChatWrapperGenerateContextStateOptions, type ChatWrapperGeneratedContextState} from "node-llama-cpp";

/** Whether the wrapper calls functions in its model family's own syntax, not node-llama-cpp's generic one. */
export function hasNativeCalls(wrapper: ChatWrapper) {
    return wrapper.settings.functions.call.prefix !== ChatWrapper.defaultSettings.functions.call.prefix;
}

/**
 * The wrapper, with every answer starting inside a function call: LlamaChat writes the family's call prefix itself
 * (Qwen's `<tool_call>\n{"name": "`), then lets the model write the name and arguments under its grammars. So a forced
 * call comes in the syntax the model was trained on, not in a JSON shape it has never seen.
 */
export function engageFunctionCall(wrapper: ChatWrapper): ChatWrapper {
    const generateContextState = (options: ChatWrapperGenerateContextStateOptions): ChatWrapperGeneratedContextState => {
        // Prefix triggers and the like (thought segments) don't go with an answer that starts engaged
        const {contextText, stopGenerationTriggers, ignoreStartText} = wrapper.generateContextState(options);
        return {contextText, stopGenerationTriggers, ignoreStartText, functionCall: {initiallyEngaged: true, disengageInitiallyEngaged: []}};
    };
    return new Proxy(wrapper, {
        get(target, property) {
            if (property === "generateContextState") return generateContextState;
            const value: unknown = Reflect.get(target, property, target);
            return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        }
    });
}
