import type {ErrorCode} from "../../src/server/errorCatalogue.js";

/**
 * When each error code is answered, for the reference's error table. Typed by the catalogue's codes, so a code
 * added to `src/server/errorCatalogue.ts` without a line here fails the type check.
 */
export const errorDescriptions: Record<ErrorCode, string> = {
    invalid_api_key: "The `Authorization: Bearer` (or `x-api-key`) header is missing or holds a key other than the current one (it changes when regenerated).",
    host_not_allowed: "The `Host` header names something other than `127.0.0.1:<port>` or `localhost:<port>` (a DNS-rebinding guard).",
    not_found: "No such route: the API lives under `/v1`.",
    model_not_found: "`model` (or the path's model id) names a model other than the loaded one; the message names the loaded one.",
    response_not_found: "`previous_response_id`, or the id in a `/v1/responses/{id}` path, names no stored response: it was never stored (`store: false`), was deleted, or aged out.",
    invalid_json: "The body is empty or not valid JSON.",
    invalid_request: "The body is not a JSON object, or the request is malformed.",
    missing_required_parameter: "A required parameter is missing; `param` names it.",
    invalid_value: "A parameter has the wrong type or is out of range; `param` gives its path, e.g. `messages[0].role`.",
    invalid_parameter: "A parameter is well-formed but unusable, e.g. a token id outside the vocabulary or an unknown tool in `tool_choice`.",
    unsupported_parameter: "A parameter OpenAI defines that this server can't honour, e.g. image content or `suffix` (see Differences from OpenAI).",
    context_length_exceeded: "The prompt doesn't fit the model's context; shorten it.",
    schema_not_satisfied: "The model's answers kept failing the full check of a `json_schema` (or a forced call's parameters) on a keyword only that check enforces (e.g. `uniqueItems`); the message names the failure.",
    request_too_large: "The body is larger than the server accepts (4 MiB).",
    unsupported_media_type: "The body was sent with a content type that can't carry JSON.",
    queue_full: "Every sequence is generating and the wait queue is full; retry after `Retry-After` seconds.",
    model_not_loaded: "No model is loaded yet; retry after `Retry-After` seconds.",
    server_stopping: "The server is stopping (turned off, or its model unloaded): open streams end with this error event; retry once it runs again.",
    engine_disposed: "The model is being unloaded (the app is quitting or switching models); retry after `Retry-After` seconds.",
    model_load_failed: "The model could not be loaded; retry after `Retry-After` seconds or load another model.",
    internal_error: "An unexpected fault in the server; the message says nothing more, by design."
};
