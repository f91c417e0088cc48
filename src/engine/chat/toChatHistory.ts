import type {ChatHistoryItem, ChatModelFunctionCall, ChatModelResponse} from "node-llama-cpp";
import type {ChatRequestMessage} from "../../../contract/index.js";
import {EngineError} from "../EngineError.js";

/**
 * OpenAI messages → node-llama-cpp chat history. Tool results (`role: "tool"`) become the results of the calls
 * they answer, inside the assistant turn that made them, which is how node-llama-cpp's chat wrappers render them.
 * The history always ends with a model turn for the generation to fill (or continue, when the last message is the
 * assistant's).
 */
export function toChatHistory(messages: readonly ChatRequestMessage[]): ChatHistoryItem[] {
    const history: ChatHistoryItem[] = [];
    const openCalls = new Map<string, ChatModelFunctionCall>();

    messages.forEach((message, index) => {
        switch (message.role) {
            case "system":
            case "developer":
                history.push({type: "system", text: contentText(message.content, index)});
                break;
            case "user":
                history.push({type: "user", text: contentText(message.content, index)});
                break;
            case "assistant": {
                const response: ChatModelResponse["response"] = [];
                if (message.content != null) response.push(contentText(message.content, index));
                for (const call of message.tool_calls ?? []) {
                    const functionCall: ChatModelFunctionCall = {
                        type: "functionCall",
                        name: call.function.name,
                        params: parseArguments(call.function.arguments, `messages[${index}].tool_calls`),
                        result: undefined
                    };
                    openCalls.set(call.id, functionCall);
                    response.push(functionCall);
                }
                history.push({type: "model", response});
                break;
            }
            case "tool": {
                const call = openCalls.get(message.tool_call_id);
                if (call == null)
                    throw new EngineError("invalid_parameter",
                        `messages[${index}] answers tool call "${message.tool_call_id}", which no earlier assistant message made.`,
                        {param: `messages[${index}].tool_call_id`});
                call.result = contentText(message.content, index);
                openCalls.delete(message.tool_call_id);
                break;
            }
        }
    });

    if (history.at(-1)?.type !== "model")
        history.push({type: "model", response: []});
    return history;
}

function contentText(content: Exclude<ChatRequestMessage["content"], null | undefined>, index: number) {
    if (typeof content === "string") return content;
    return content.map((part, partIndex) => {
        if (part.type === "text" && "text" in part) return part.text;
        throw new EngineError("unsupported_parameter",
            `messages[${index}].content[${partIndex}] is of type "${part.type}"; this model only reads text.`,
            {param: `messages[${index}].content[${partIndex}].type`});
    }).join("\n");
}

function parseArguments(text: string, param: string) {
    try {
        return JSON.parse(text) as unknown;
    } catch {
        throw new EngineError("invalid_parameter", `${param}: function arguments must be a JSON text.`, {param});
    }
}
