import type {CreateChatCompletionRequest} from "../../../contract/index.js";
import {EngineError} from "../EngineError.js";

/** OpenAI fields that change what the answer means but that a local text model can't honour: a clear 400, never silence. */
export function rejectUnsupportedChatFields(request: CreateChatCompletionRequest) {
    const reject = (param: string, message: string) => {
        throw new EngineError("unsupported_parameter", message, {param});
    };
    if (request.n != null && request.n !== 1)
        reject("n", "Only n = 1 is supported: send one request per choice (they can run concurrently).");
    if (request.logprobs === true)
        reject("logprobs", "logprobs are not supported by this server.");
    if (request.top_logprobs != null && request.top_logprobs !== 0)
        reject("top_logprobs", "top_logprobs are not supported by this server.");
    if (request.modalities?.includes("audio") === true || request.audio != null)
        reject(request.audio != null ? "audio" : "modalities", "Audio output is not supported: this model writes text.");
    if (request.functions != null || request.function_call != null)
        reject(request.functions != null ? "functions" : "function_call", "`functions` and `function_call` are deprecated by OpenAI; use `tools` and `tool_choice`.");
}
