import type {AnthropicErrorResponse} from "../../contract/index.js";
import type {EngineErrorCode} from "../engine/EngineError.js";

/** Codes the HTTP layer itself raises. */
export type ServerErrorCode =
    | "invalid_api_key"
    | "host_not_allowed"
    | "not_found"
    | "response_not_found"
    | "invalid_json"
    | "invalid_request"
    | "missing_required_parameter"
    | "invalid_value"
    | "request_too_large"
    | "unsupported_media_type"
    | "model_not_loaded"
    | "server_stopping"
    | "internal_error";

export type ErrorCode = EngineErrorCode | ServerErrorCode;

type Entry = {
    status: number,

    /** OpenAI's `error.type`. */
    type: "invalid_request_error" | "authentication_error" | "permission_error" | "not_found_error" | "rate_limit_error" | "server_error",

    /** Anthropic's `error.type`, for the Anthropic routes. */
    anthropicType: AnthropicErrorResponse["error"]["type"],

    /** Seconds a client should wait before retrying (sent as `Retry-After`). */
    retryAfter?: number
};

/** The one table mapping every error code to its HTTP status and each protocol's error type. */
export const errorCatalogue: Record<ErrorCode, Entry> = {
    invalid_api_key: {status: 401, type: "authentication_error", anthropicType: "authentication_error"},
    host_not_allowed: {status: 403, type: "permission_error", anthropicType: "permission_error"},
    not_found: {status: 404, type: "not_found_error", anthropicType: "not_found_error"},
    model_not_found: {status: 404, type: "invalid_request_error", anthropicType: "not_found_error"},
    response_not_found: {status: 404, type: "invalid_request_error", anthropicType: "not_found_error"},
    invalid_json: {status: 400, type: "invalid_request_error", anthropicType: "invalid_request_error"},
    invalid_request: {status: 400, type: "invalid_request_error", anthropicType: "invalid_request_error"},
    missing_required_parameter: {status: 400, type: "invalid_request_error", anthropicType: "invalid_request_error"},
    invalid_value: {status: 400, type: "invalid_request_error", anthropicType: "invalid_request_error"},
    invalid_parameter: {status: 400, type: "invalid_request_error", anthropicType: "invalid_request_error"},
    unsupported_parameter: {status: 400, type: "invalid_request_error", anthropicType: "invalid_request_error"},
    context_length_exceeded: {status: 400, type: "invalid_request_error", anthropicType: "invalid_request_error"},
    schema_not_satisfied: {status: 422, type: "invalid_request_error", anthropicType: "invalid_request_error"},
    // Anthropic's 413 comes from its proxy, with a type the API's own error list doesn't have
    request_too_large: {status: 413, type: "invalid_request_error", anthropicType: "invalid_request_error"},
    unsupported_media_type: {status: 415, type: "invalid_request_error", anthropicType: "invalid_request_error"},
    queue_full: {status: 429, type: "rate_limit_error", anthropicType: "rate_limit_error", retryAfter: 1},
    // Anthropic says "overloaded" (its 529) for a service that can't take the request now; the status stays 503
    model_not_loaded: {status: 503, type: "server_error", anthropicType: "overloaded_error", retryAfter: 5},
    server_stopping: {status: 503, type: "server_error", anthropicType: "overloaded_error", retryAfter: 5},
    engine_disposed: {status: 503, type: "server_error", anthropicType: "overloaded_error", retryAfter: 5},
    model_load_failed: {status: 503, type: "server_error", anthropicType: "overloaded_error", retryAfter: 5},
    internal_error: {status: 500, type: "server_error", anthropicType: "api_error"}
};
