import type {ChatHistoryItem, ChatModelFunctionCall, ChatModelResponse} from "node-llama-cpp";
import {EngineError} from "../EngineError.js";
import type {ChatMessage} from "../generation/GenerationRequest.js";

/**
 * Engine messages → node-llama-cpp chat history. Tool results become the results of the calls they answer, inside
 * the assistant turn that made them, which is how node-llama-cpp's chat wrappers render them. The history always
 * ends with a model turn for the generation to fill (or continue, when the last message is the assistant's).
 */
export function toChatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
    const history: ChatHistoryItem[] = [];
    const openCalls = new Map<string, ChatModelFunctionCall>();

    messages.forEach((message, index) => {
        switch (message.role) {
            case "system":
                history.push({type: "system", text: message.text});
                break;
            case "user":
                history.push({type: "user", text: message.text});
                break;
            case "assistant": {
                const response: ChatModelResponse["response"] = [];
                if (message.text !== "") response.push(message.text);
                for (const call of message.toolCalls ?? []) {
                    const functionCall: ChatModelFunctionCall = {
                        type: "functionCall",
                        name: call.name,
                        params: parseArguments(call.arguments, `prompt.messages[${index}].toolCalls`),
                        result: undefined
                    };
                    openCalls.set(call.id, functionCall);
                    response.push(functionCall);
                }
                history.push({type: "model", response});
                break;
            }
            case "tool": {
                const call = openCalls.get(message.toolCallId);
                if (call == null)
                    throw new EngineError("invalid_parameter",
                        `{param} answers tool call "${message.toolCallId}", which no earlier assistant message made.`,
                        {param: `prompt.messages[${index}].toolCallId`});
                call.result = message.text;
                openCalls.delete(message.toolCallId);
                break;
            }
        }
    });

    if (history.at(-1)?.type !== "model")
        history.push({type: "model", response: []});
    return history;
}

function parseArguments(text: string, param: string) {
    try {
        return JSON.parse(text) as unknown;
    } catch {
        throw new EngineError("invalid_parameter", "{param}: function arguments must be a JSON text.", {param});
    }
}
