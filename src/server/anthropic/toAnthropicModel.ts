import type {AnthropicModelInfo} from "../../../contract/index.js";
import type {EngineModelInfo} from "../../engine/EngineModelInfo.js";

/** The loaded model as Anthropic's model object (asked with `anthropic-version`). */
export function toAnthropicModel(info: EngineModelInfo): AnthropicModelInfo {
    return {
        type: "model",
        id: info.id,
        display_name: info.id,
        created_at: new Date(info.createdAt * 1000).toISOString(),
        capabilities: null,
        deprecated_at: null,
        lifecycle: "active",
        line: null,
        max_input_tokens: info.contextLength,
        max_tokens: info.contextLength,
        retires_at: null
    };
}
