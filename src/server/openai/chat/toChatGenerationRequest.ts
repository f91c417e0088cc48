import type {ChatRequestMessage, CreateChatCompletionRequest} from "../../../../contract/index.js";
import type {ChatMessage, GenerationConstraint, GenerationRequest, ToolChoice} from "../../../engine/generation/GenerationRequest.js";
import {ApiError} from "../../ApiError.js";
import {toSampling} from "../toSampling.js";
import {toStopList} from "../toStopList.js";
import {toThinking} from "../toThinking.js";
import {textContent} from "../../textContent.js";

/**
 * A Chat Completions body → the engine's request. Every field the contract accepts is either mapped here or refused
 * here with a 400 naming it (fields that change what the answer means but that a local text model can't honour).
 */
export function toChatGenerationRequest(body: CreateChatCompletionRequest): GenerationRequest {
    rejectUnsupported(body);
    return {
        prompt: {type: "chat", messages: body.messages.map(toChatMessage)},
        sampling: toSampling(body),
        stop: toStopList(body.stop),
        constraint: toConstraint(body.response_format),
        tools: body.tools?.map((tool) => ({
            name: tool.function.name,
            description: tool.function.description,
            parameters: tool.function.parameters
        })),
        toolChoice: toToolChoice(body.tool_choice),
        parallelToolCalls: body.parallel_tool_calls,
        maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
        choices: body.n ?? undefined,
        thinking: toThinking(body.reasoning_effort, body.chat_template_kwargs?.enable_thinking),
        topLogprobs: body.logprobs === true ? body.top_logprobs ?? 0 : undefined
    };
}

function rejectUnsupported(body: CreateChatCompletionRequest) {
    const reject = (param: string, message: string) => {
        throw new ApiError("unsupported_parameter", message, param);
    };
    if (body.top_logprobs != null && body.top_logprobs !== 0 && body.logprobs !== true)
        throw new ApiError("invalid_parameter", "top_logprobs needs logprobs: true.", "top_logprobs");
    if (body.modalities?.includes("audio") === true || body.audio != null)
        reject(body.audio != null ? "audio" : "modalities", "Audio output is not supported: this model writes text.");
    if (body.functions != null || body.function_call != null)
        reject(body.functions != null ? "functions" : "function_call", "`functions` and `function_call` are deprecated by OpenAI; use `tools` and `tool_choice`.");
}

function toChatMessage(message: ChatRequestMessage, index: number): ChatMessage {
    switch (message.role) {
        case "system":
        case "developer":
            return {role: "system", text: textContent(message.content, ["text"], `messages[${index}].content`)};
        case "user":
            return {role: "user", text: textContent(message.content, ["text"], `messages[${index}].content`)};
        case "assistant":
            return {
                role: "assistant",
                text: message.content == null ? "" : textContent(message.content, ["text"], `messages[${index}].content`),
                toolCalls: message.tool_calls?.map((call) => ({id: call.id, name: call.function.name, arguments: call.function.arguments}))
            };
        case "tool":
            return {role: "tool", toolCallId: message.tool_call_id, text: textContent(message.content, ["text"], `messages[${index}].content`)};
    }
}

function toConstraint(format: CreateChatCompletionRequest["response_format"]): GenerationConstraint {
    if (format == null || format.type === "text") return {type: "none"};
    if (format.type === "json_object") return {type: "json"};
    return {type: "jsonSchema", schema: format.json_schema.schema ?? {type: "object"}};
}

function toToolChoice(choice: CreateChatCompletionRequest["tool_choice"]): ToolChoice | undefined {
    if (choice == null || typeof choice === "string") return choice;
    return {name: choice.function.name};
}
