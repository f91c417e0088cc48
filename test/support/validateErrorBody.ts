import {AnthropicErrorResponse} from "../../contract/index.js";
import {requestProtocol} from "../../src/server/requestProtocol.js";
import {validateAgainstOpenAi} from "./openAiSchemaValidator.js";

/**
 * Checks an error answer against the error object of the protocol its request spoke — Anthropic's on the Anthropic
 * routes and on the models routes asked with `anthropic-version`, OpenAI's official schema elsewhere — and returns its
 * class (`error.type`) and, for OpenAI's, its code.
 */
export function validateErrorBody(request: {path: string, headers?: Record<string, string>}, body: unknown): {type: string, code: string | null} {
    if (requestProtocol({url: request.path, headers: request.headers ?? {}}) === "anthropic") {
        const {error} = AnthropicErrorResponse.strict().parse(body);
        return {type: error.type, code: null};
    }
    validateAgainstOpenAi("ErrorResponse", body);
    const {error} = body as {error: {type: string, code: string | null}};
    return {type: error.type, code: error.code};
}
