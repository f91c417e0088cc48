import type {Model} from "../../../../contract/index.js";
import type {EngineModelInfo} from "../../../engine/EngineModelInfo.js";

/** The loaded model as OpenAI's model object, with the Tholos `meta` extension. */
export function toOpenAiModel(info: EngineModelInfo): Model {
    return {
        id: info.id,
        object: "model",
        created: info.createdAt,
        owned_by: "local",
        meta: {
            backend: info.backend,
            context_length: info.contextLength,
            train_context_length: info.trainContextLength,
            parameters: info.parameters,
            size_bytes: info.sizeBytes,
            chat_template: info.chatTemplate,
            architecture: info.architecture,
            chat_wrapper: info.chatWrapper,
            capabilities: {tool_calls: info.toolCalls, reasoning: info.reasoning}
        }
    };
}
