import {initContract} from "@ts-rest/core";
import {z} from "zod";
import {ErrorResponse} from "./schemas/error.js";
import {Model, ModelList} from "./schemas/models.js";
import {CreateChatCompletionRequest, CreateChatCompletionResponse} from "./schemas/chat.js";
import {CreateCompletionRequest, CreateCompletionResponse} from "./schemas/completions.js";
import {CreateEmbeddingRequest, CreateEmbeddingResponse} from "./schemas/embeddings.js";
import {EventStream} from "./eventStream.js";

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
        responses: {200: ModelList, ...errors}
    },
    retrieveModel: {
        method: "GET",
        path: "/v1/models/:model",
        pathParams: z.object({model: z.string().describe("The model id, as `GET /v1/models` lists it.")}),
        summary: "Retrieve a model",
        description: "The loaded model, or a 404 `model_not_found` naming the loaded one.",
        responses: {200: Model, ...errors}
    },
    createChatCompletion: {
        method: "POST",
        path: "/v1/chat/completions",
        body: CreateChatCompletionRequest,
        summary: "Create a chat completion",
        description: "The model's answer to a conversation, whole or streamed as server-sent events.",
        responses: {200: z.union([CreateChatCompletionResponse, EventStream]), ...errors}
    },
    createCompletion: {
        method: "POST",
        path: "/v1/completions",
        body: CreateCompletionRequest,
        summary: "Create a completion",
        description: "Continues a prompt as plain text (no chat template), whole or streamed.",
        responses: {200: z.union([CreateCompletionResponse, EventStream]), ...errors}
    },
    createEmbedding: {
        method: "POST",
        path: "/v1/embeddings",
        body: CreateEmbeddingRequest,
        summary: "Create embeddings",
        description: "Mean-pooled, normalised embeddings of the loaded model.",
        responses: {200: CreateEmbeddingResponse, ...errors}
    }
}, {strictStatusCodes: true});
export type ApiContract = typeof apiContract;
