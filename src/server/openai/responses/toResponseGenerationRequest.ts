import type {CreateResponseRequest, ResponseFunctionTool, ResponseInputItem} from "../../../../contract/index.js";
import type {ChatMessage, GenerationConstraint, GenerationRequest, ToolChoice, ToolDefinition} from "../../../engine/generation/GenerationRequest.js";
import {ApiError} from "../../ApiError.js";
import {toThinking} from "../toThinking.js";
import {textContent} from "../../textContent.js";
import {isMessageItem, responseTextTypes} from "./isMessageItem.js";

/**
 * A Responses body → the engine's request. Every field the contract accepts is mapped here or refused here with a 400
 * naming it: OpenAI's hosted tools (they would reach outside the machine), state kept at OpenAI (background runs,
 * conversations, prompt templates), and input a text model can't read.
 */
export function toResponseGenerationRequest(body: CreateResponseRequest, earlier: readonly ResponseInputItem[] = []): GenerationRequest {
    rejectUnsupported(body);
    return {
        prompt: {type: "chat", messages: toMessages(body, earlier)},
        sampling: {temperature: body.temperature ?? undefined, topP: body.top_p ?? undefined, seed: body.seed ?? undefined},
        constraint: toConstraint(body.text?.format),
        tools: body.tools?.map((tool, index): ToolDefinition => {
            if (tool.type !== "function")
                throw new ApiError("unsupported_parameter",
                    `tools[${index}] is OpenAI's hosted "${tool.type}" tool, which this server doesn't have (nothing leaves the machine); give function tools only.`,
                    `tools[${index}].type`);
            const {name, description, parameters} = tool as ResponseFunctionTool;
            return {name, description: description ?? undefined, parameters: parameters ?? undefined};
        }),
        toolChoice: toToolChoice(body.tool_choice),
        parallelToolCalls: body.parallel_tool_calls ?? undefined,
        maxTokens: body.max_output_tokens ?? undefined,
        thinking: toThinking(body.reasoning?.effort)
    };
}

function rejectUnsupported(body: CreateResponseRequest) {
    const reject = (param: string, message: string) => {
        throw new ApiError("unsupported_parameter", message, param);
    };
    if (body.background === true)
        reject("background", "Background responses aren't supported: the answer comes in the request (or its stream).");
    if (body.conversation != null)
        reject("conversation", "Conversations aren't stored on this server; send the whole conversation as input items.");
    if (body.prompt != null)
        reject("prompt", "Prompt templates are stored at OpenAI; send the instructions and input instead.");
    const logprobs = body.include?.indexOf("message.output_text.logprobs") ?? -1;
    if (logprobs >= 0)
        reject(`include[${logprobs}]`, "Log-probabilities aren't in Responses answers yet; /v1/chat/completions has them (logprobs, top_logprobs).");
    if (body.top_logprobs != null && body.top_logprobs !== 0)
        reject("top_logprobs", "Log-probabilities aren't in Responses answers yet; /v1/chat/completions has them (logprobs, top_logprobs).");
}

/**
 * `instructions` as a system message, then the earlier turns (`previous_response_id`'s), then the input: function
 * calls join the assistant message they follow. (As at OpenAI, an earlier response's instructions don't carry over.)
 */
function toMessages(body: CreateResponseRequest, earlier: readonly ResponseInputItem[]): ChatMessage[] {
    const messages: ChatMessage[] = body.instructions == null || body.instructions === "" ? [] : [{role: "system", text: body.instructions}];
    for (const item of earlier) {
        const message = toMessage(item, -1, messages.at(-1));
        if (message != null) messages.push(message);
    }
    for (const [index, item] of toInputItems(body.input).entries()) {
        const message = toMessage(item, index, messages.at(-1));
        if (message != null) messages.push(message);
    }
    return messages;
}

/** The input as items: a string is one user message. */
export function toInputItems(input: CreateResponseRequest["input"]): ResponseInputItem[] {
    return typeof input === "string" ? [{type: "message", role: "user", content: input}] : input;
}

function toMessage(item: ResponseInputItem, index: number, last: ChatMessage | undefined): ChatMessage | null {
    if (isMessageItem(item)) {
        const text = textContent(item.content, responseTextTypes, `input[${index}].content`);
        if (item.role === "assistant") return {role: "assistant", text};
        return {role: item.role === "developer" ? "system" : item.role, text};
    }
    if (item.type === "function_call") {
        const call = {id: item.call_id, name: item.name, arguments: item.arguments};
        // Several calls of one turn arrive as several items after the assistant's text, if any
        if (last?.role === "assistant") {
            (last as {toolCalls?: readonly typeof call[]}).toolCalls = [...(last.toolCalls ?? []), call];
            return null;
        }
        return {role: "assistant", text: "", toolCalls: [call]};
    }
    if (item.type === "function_call_output") {
        return {role: "tool", toolCallId: item.call_id, text: textContent(item.output, responseTextTypes, `input[${index}].output`)};
    }
    // An earlier answer's reasoning: templates drop earlier turns' thoughts, so it isn't rendered.
    return null;
}

function toConstraint(format: NonNullable<CreateResponseRequest["text"]>["format"]): GenerationConstraint {
    if (format == null || format.type === "text") return {type: "none"};
    if (format.type === "json_object") return {type: "json"};
    return {type: "jsonSchema", schema: format.schema};
}

function toToolChoice(choice: CreateResponseRequest["tool_choice"]): ToolChoice | undefined {
    if (choice == null || typeof choice === "string") return choice;
    return {name: choice.name};
}
