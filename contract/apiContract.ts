import {initContract} from "@ts-rest/core";
import {z} from "zod";
import {ErrorResponse} from "./schemas/error.js";
import {Model, ModelList} from "./schemas/models.js";
import {CreateChatCompletionRequest, CreateChatCompletionResponse} from "./schemas/chat.js";
import {CreateCompletionRequest, CreateCompletionResponse} from "./schemas/completions.js";
import {CreateEmbeddingRequest, CreateEmbeddingResponse} from "./schemas/embeddings.js";
import {CreateResponseRequest, DeletedResponse, ListInputItemsQuery, ResponseInputItemList, ResponseObject} from "./schemas/responses.js";
import {
    AnthropicErrorResponse, AnthropicMessage, AnthropicModelInfo, AnthropicModelList, CountMessageTokensRequest, CreateMessageRequest,
    MessageTokensCount
} from "./schemas/anthropic.js";
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

/** The same statuses on the Anthropic routes, whose errors are Anthropic's error object. */
const anthropicErrors = {
    400: AnthropicErrorResponse,
    401: AnthropicErrorResponse,
    403: AnthropicErrorResponse,
    404: AnthropicErrorResponse,
    413: AnthropicErrorResponse,
    415: AnthropicErrorResponse,
    422: AnthropicErrorResponse,
    429: AnthropicErrorResponse,
    500: AnthropicErrorResponse,
    503: AnthropicErrorResponse
};

/** On the models routes, which serve both protocols, an error is in the shape of the protocol asked (see `anthropic-version`). */
const eitherErrors = Object.fromEntries(Object.keys(errors).map((status) => [status, z.union([ErrorResponse, AnthropicErrorResponse])])) as
    {[Status in keyof typeof errors]: z.ZodUnion<[typeof ErrorResponse, typeof AnthropicErrorResponse]>};

/**
 * The models routes' answers to a request without `anthropic-version`: OpenAI's shapes only (what a client that never
 * sends the header, like `createTholosClient`, gets).
 */
export const openAiModelResponses = {
    listModels: {200: ModelList, ...errors},
    retrieveModel: {200: Model, ...errors}
};

/** Sent by Anthropic's clients; its presence makes the models routes answer in Anthropic's shapes. */
const anthropicHeaders = z.object({
    "anthropic-version": z.string().optional().describe("Anthropic's API version (any value is accepted). Present ⇒ Anthropic's shapes."),
    "anthropic-beta": z.string().optional().describe("Anthropic's beta flags: accepted and ignored.")
});

/** The OpenAI-compatible API: the one definition that types the server and client and generates `openapi.json`. */
export const apiContract = c.router({
    listModels: {
        method: "GET",
        path: "/v1/models",
        headers: anthropicHeaders,
        summary: "List models",
        description: "The model loaded in the app (the server only listens while one is loaded): OpenAI's list, or with an " +
            "`anthropic-version` header Anthropic's (`data` of `type: \"model\"` entries, `has_more`, `first_id`, `last_id`).",
        responses: {200: z.union([ModelList, AnthropicModelList]), ...eitherErrors},
        metadata: {
            official: {api: "openai", response: "ListModelsResponse", error: "ErrorResponse"},
            samples: [{files: ["models.sh", "models-anthropic.sh"]}]
        } satisfies RouteMetadata
    },
    retrieveModel: {
        method: "GET",
        path: "/v1/models/:model",
        pathParams: z.object({model: z.string().describe("The model id, as `GET /v1/models` lists it.")}),
        headers: anthropicHeaders,
        summary: "Retrieve a model",
        description: "The loaded model, or a 404 `model_not_found` naming the loaded one; in Anthropic's shape with an `anthropic-version` header.",
        responses: {200: z.union([Model, AnthropicModelInfo]), ...eitherErrors},
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
    createMessage: {
        method: "POST",
        path: "/v1/messages",
        headers: anthropicHeaders,
        body: CreateMessageRequest,
        summary: "Create a message (Anthropic)",
        description: "The model's answer in Anthropic's Messages API: `thinking`, `text` and `tool_use` blocks, whole or streamed " +
            "as typed events. Takes the key as `x-api-key` (or `Authorization: Bearer`); errors are Anthropic's error object.",
        responses: {200: z.union([AnthropicMessage, EventStream]), ...anthropicErrors},
        metadata: {
            official: {api: "anthropic", response: "Message", streamEvent: "RawMessageStreamEvent", error: "ErrorResponse"},
            stream: {framing: "event", event: "AnthropicMessageStreamEvent"},
            samples: [
                {files: ["messages.sh", "messages.py", "messages-anthropic.mjs"]},
                {
                    heading: "Streaming",
                    intro: "With `stream: true` the answer arrives as Anthropic's server-sent events, each an `event:` line naming its " +
                        "`type` and a `data:` line: `message_start`, then per content block `content_block_start`, " +
                        "`content_block_delta` (`text_delta`, `thinking_delta`, `input_json_delta`) and `content_block_stop`, " +
                        "then `message_delta` (stop reason, usage) and `message_stop`; `ping` events keep a quiet stream alive.",
                    files: ["messages-stream.sh", "messages-stream-anthropic.mjs"]
                },
                {
                    heading: "Tool use",
                    intro: "Custom tools (`input_schema`) come back as `tool_use` blocks (`stop_reason: \"tool_use\"`); your code runs " +
                        "them and sends a user message of `tool_result` blocks (`tool_use_id`). `tool_choice` `any` or `tool` forces a call.",
                    files: ["messages-tools-anthropic.mjs"]
                }
            ]
        } satisfies RouteMetadata
    },
    countMessageTokens: {
        method: "POST",
        path: "/v1/messages/count_tokens",
        headers: anthropicHeaders,
        body: CountMessageTokensRequest,
        summary: "Count a message's tokens (Anthropic)",
        description: "The exact number of prompt tokens `POST /v1/messages` would read for the same system prompt, tools and messages, " +
            "through the model's chat template.",
        responses: {200: MessageTokensCount, ...anthropicErrors},
        metadata: {
            official: {api: "anthropic", response: "MessageTokensCount", error: "ErrorResponse"},
            samples: [{files: ["count-tokens.sh", "count-tokens.py"]}]
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
