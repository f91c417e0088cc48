import {initContract} from "@ts-rest/core";
import {z} from "zod";
import {ErrorResponse} from "./schemas/error.js";
import {Model, ModelList} from "./schemas/models.js";
import {CreateChatCompletionRequest, CreateChatCompletionResponse} from "./schemas/chat.js";
import {CreateCompletionRequest, CreateCompletionResponse} from "./schemas/completions.js";
import {CreateEmbeddingRequest, CreateEmbeddingResponse} from "./schemas/embeddings.js";
import {CreateResponseRequest, DeletedResponse, ListInputItemsQuery, ResponseInputItemList, ResponseObject} from "./schemas/responses.js";
import {EventStream} from "./eventStream.js";
import type {RouteMetadata} from "./RouteMetadata.js";

const c = initContract();

/**
 * Every error status a `/v1` route can answer with; the body is always the OpenAI error object. (Not `as const`:
 * spreading a const object turns its numeric keys into strings, and ts-rest would then type only the 200 answers.)
 */
const errors = {
    400: ErrorResponse,
    401: ErrorResponse,
    403: ErrorResponse,
    404: ErrorResponse,
    413: ErrorResponse,
    415: ErrorResponse,
    422: ErrorResponse,
    429: ErrorResponse,
    500: ErrorResponse,
    503: ErrorResponse
};

/** The OpenAI-compatible API: the one definition that types the server and client and generates `openapi.json`. */
export const apiContract = c.router({
    listModels: {
        method: "GET",
        path: "/v1/models",
        summary: "List models",
        description: "The model loaded in the app (the server only listens while one is loaded).",
        responses: {200: ModelList, ...errors},
        metadata: {
            official: {api: "openai", response: "ListModelsResponse", error: "ErrorResponse"},
            samples: [{files: ["models.sh"]}]
        } satisfies RouteMetadata
    },
    retrieveModel: {
        method: "GET",
        path: "/v1/models/:model",
        pathParams: z.object({model: z.string().describe("The model id, as `GET /v1/models` lists it.")}),
        summary: "Retrieve a model",
        description: "The loaded model, or a 404 `model_not_found` naming the loaded one.",
        responses: {200: Model, ...errors},
        metadata: {
            official: {api: "openai", response: "Model", error: "ErrorResponse"},
            samples: [{files: ["model.sh"]}]
        } satisfies RouteMetadata
    },
    createChatCompletion: {
        method: "POST",
        path: "/v1/chat/completions",
        body: CreateChatCompletionRequest,
        summary: "Create a chat completion",
        description: "The model's answer to a conversation, whole or streamed as server-sent events.",
        responses: {200: z.union([CreateChatCompletionResponse, EventStream]), ...errors},
        metadata: {
            official: {api: "openai", response: "CreateChatCompletionResponse", streamEvent: "CreateChatCompletionStreamResponse", error: "ErrorResponse"},
            stream: {framing: "data", event: "CreateChatCompletionStreamResponse"},
            samples: [
                {files: ["chat.sh", "chat.py", "chat-openai.mjs", "chat-fetch.mjs"]},
                {
                    heading: "Streaming",
                    intro: "With `stream: true` the answer arrives as server-sent events: one `chat.completion.chunk` per `data:` line, " +
                        "the first with `delta.role`, the last with `finish_reason`, then `data: [DONE]`. With " +
                        "`stream_options: {\"include_usage\": true}` a last chunk with empty `choices` carries `usage`.",
                    files: ["stream.sh", "stream.py", "stream-openai.mjs", "stream-fetch.mjs"]
                },
                {
                    heading: "Structured output",
                    intro: "`response_format` `json_object` or `json_schema` constrains generation with a grammar: the text is valid JSON " +
                        "(matching the schema) by construction.",
                    files: ["structured-openai.mjs"]
                },
                {
                    heading: "Function calling",
                    intro: "`tools` describe functions; the model answers with `tool_calls` (`finish_reason: \"tool_calls\"`), your code " +
                        "runs them, and their results go back as `tool` messages.",
                    files: ["tools-openai.mjs"]
                }
            ]
        } satisfies RouteMetadata
    },
    createCompletion: {
        method: "POST",
        path: "/v1/completions",
        body: CreateCompletionRequest,
        summary: "Create a completion",
        description: "Continues a prompt as plain text (no chat template), whole or streamed.",
        responses: {200: z.union([CreateCompletionResponse, EventStream]), ...errors},
        metadata: {
            official: {api: "openai", response: "CreateCompletionResponse", streamEvent: "CreateCompletionResponse", error: "ErrorResponse"},
            stream: {framing: "data", event: "CreateCompletionResponse"},
            samples: [{files: ["completion.sh"]}]
        } satisfies RouteMetadata
    },
    createResponse: {
        method: "POST",
        path: "/v1/responses",
        body: CreateResponseRequest,
        summary: "Create a response",
        description: "The model's answer to input items (OpenAI's Responses API): reasoning, message and function-call output " +
            "items, whole or streamed as typed events. Stored (`store`, the default) in the app's data dir, so " +
            "`previous_response_id` continues a conversation across restarts.",
        responses: {200: z.union([ResponseObject, EventStream]), ...errors},
        metadata: {
            official: {api: "openai", response: "Response", streamEvent: "ResponseStreamEvent", error: "ErrorResponse"},
            stream: {framing: "event", event: "ResponseStreamEvent"},
            samples: [
                {files: ["responses.sh", "responses.py", "responses-openai.mjs"]},
                {
                    heading: "Streaming",
                    intro: "With `stream: true` the answer arrives as typed server-sent events, each an `event:` line naming its " +
                        "`type` and a `data:` line: `response.created`, `response.in_progress`, per output item " +
                        "`response.output_item.added` … `.done` with its text or arguments deltas, then `response.completed` " +
                        "(`response.incomplete` when `max_output_tokens` cut it). Every event has a `sequence_number`.",
                    files: ["responses-stream.sh", "responses-stream-openai.mjs"]
                },
                {
                    heading: "Function calling",
                    intro: "Function tools come back as `function_call` output items; your code runs them and sends the " +
                        "conversation again with a `function_call_output` item per call (`call_id`).",
                    files: ["responses-tools-openai.mjs"]
                }
            ]
        } satisfies RouteMetadata
    },
    retrieveResponse: {
        method: "GET",
        path: "/v1/responses/:response_id",
        pathParams: z.object({response_id: z.string().describe("A stored response's id (`resp_…`).")}),
        summary: "Retrieve a response",
        description: "A stored response (`store: true`, the default), as it was returned; a 404 `response_not_found` otherwise.",
        responses: {200: ResponseObject, ...errors},
        metadata: {
            official: {api: "openai", response: "Response", error: "ErrorResponse"},
            samples: [{files: ["responses-state.sh"]}]
        } satisfies RouteMetadata
    },
    deleteResponse: {
        method: "DELETE",
        path: "/v1/responses/:response_id",
        pathParams: z.object({response_id: z.string().describe("A stored response's id (`resp_…`).")}),
        body: c.noBody(),
        summary: "Delete a response",
        description: "Forgets a stored response: it can't be retrieved or continued any more.",
        responses: {200: DeletedResponse, ...errors},
        metadata: {
            official: {api: "openai", error: "ErrorResponse"},
            samples: [{files: ["responses-delete.sh"]}]
        } satisfies RouteMetadata
    },
    listInputItems: {
        method: "GET",
        path: "/v1/responses/:response_id/input_items",
        pathParams: z.object({response_id: z.string().describe("A stored response's id (`resp_…`).")}),
        query: ListInputItemsQuery,
        summary: "List a response's input items",
        description: "The input items a stored response was asked with (not its `previous_response_id`'s), paginated as OpenAI's lists.",
        responses: {200: ResponseInputItemList, ...errors},
        metadata: {
            official: {api: "openai", response: "ResponseItemList", error: "ErrorResponse"},
            samples: [{files: ["responses-input-items.py"]}]
        } satisfies RouteMetadata
    },
    createEmbedding: {
        method: "POST",
        path: "/v1/embeddings",
        body: CreateEmbeddingRequest,
        summary: "Create embeddings",
        description: "Mean-pooled, normalised embeddings of the loaded model.",
        responses: {200: CreateEmbeddingResponse, ...errors},
        metadata: {
            official: {api: "openai", response: "CreateEmbeddingResponse", error: "ErrorResponse"},
            samples: [{files: ["embeddings.py", "embeddings-openai.mjs"]}]
        } satisfies RouteMetadata
    }
}, {strictStatusCodes: true});
export type ApiContract = typeof apiContract;
