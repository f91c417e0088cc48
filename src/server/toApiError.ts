import {EngineError} from "../engine/EngineError.js";
import {ApiError} from "./ApiError.js";

type FastifyLikeError = Error & {code?: string, statusCode?: number};

/**
 * Any thrown value → the error the client sees. Known failures keep their message; anything else becomes a generic
 * 500 (`null` tells the caller to log it, since its text may hold internals).
 */
export function toApiError(error: unknown): {apiError: ApiError, unexpected: boolean} {
    if (error instanceof ApiError) return {apiError: error, unexpected: false};
    if (error instanceof EngineError)
        // Engine messages name the field at fault as `{param}`, which the adapter has renamed to its wire name.
        return {apiError: new ApiError(error.code, error.message.replaceAll("{param}", error.param ?? "the request"), error.param), unexpected: false};

    const fastifyError = error as FastifyLikeError;
    switch (fastifyError.code) {
        case "FST_ERR_CTP_INVALID_JSON_BODY":
            return known("invalid_json", "The request body is not valid JSON. Check for a missing quote, comma or brace.");
        case "FST_ERR_CTP_EMPTY_JSON_BODY":
            return known("invalid_json", "The request body is empty; send a JSON object.");
        case "FST_ERR_CTP_BODY_TOO_LARGE":
            return known("request_too_large", "The request body is larger than this server accepts.");
        case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
            return known("unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
        case "FST_ERR_BAD_URL":
            return known("invalid_request", "The URL is not valid: check its percent-escapes.");
        case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
            return known("invalid_request", "The Content-Length header doesn't match the body.");
    }
    if (typeof fastifyError.statusCode === "number" && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500)
        return known(fastifyError.statusCode === 413 ? "request_too_large" : "invalid_request", "The request is malformed.");

    return {apiError: new ApiError("internal_error", "The server hit an unexpected error; it has been logged."), unexpected: true};
}

function known(code: ConstructorParameters<typeof ApiError>[0], message: string) {
    return {apiError: new ApiError(code, message), unexpected: false};
}
