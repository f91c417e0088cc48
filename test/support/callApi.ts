import {validateAgainstOpenAi} from "./openAiSchemaValidator.js";
import type {TestServer} from "./startTestServer.js";

export type CallApiOptions = {
    /** A JSON body; the request is a POST when there is one, else a GET. */
    body?: unknown,
    signal?: AbortSignal,

    /** Extra headers; the bearer key is always sent. */
    headers?: Record<string, string>
};

export type ApiResponse<T> = {
    status: number,
    headers: Headers,
    body: T
};

/** Which OpenAI component each successful answer must match, by method and route. */
function successSchema(method: string, path: string) {
    if (method === "GET" && path === "/models") return "ListModelsResponse";
    if (method === "GET" && path.startsWith("/models/")) return "Model";
    if (path === "/chat/completions") return "CreateChatCompletionResponse";
    if (path === "/completions") return "CreateCompletionResponse";
    if (path === "/embeddings") return "CreateEmbeddingResponse";
    return null;
}

/**
 * One real HTTP request to `server.baseUrl + path` (e.g. `/chat/completions`) with the server's key. The JSON answer
 * is checked against the official OpenAI schema (errors against `ErrorResponse`) before the test sees it.
 */
export async function callApi<T>(server: Pick<TestServer, "baseUrl" | "apiKey">, path: string, options: CallApiOptions = {}): Promise<ApiResponse<T>> {
    const method = options.body === undefined ? "GET" : "POST";
    const response = await fetch(server.baseUrl + path, {
        method,
        headers: {
            authorization: `Bearer ${server.apiKey}`,
            ...(options.body === undefined ? {} : {"content-type": "application/json"}),
            ...options.headers
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal
    });
    const text = await response.text();
    let body: unknown;
    try {
        body = JSON.parse(text);
    } catch {
        throw new Error(`${method} ${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 500)}`);
    }
    const schema = response.status >= 400 ? "ErrorResponse" : successSchema(method, path);
    if (schema != null) validateAgainstOpenAi(schema, body);
    return {status: response.status, headers: response.headers, body: body as T};
}
