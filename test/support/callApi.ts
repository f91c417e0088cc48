import {validateAgainstOpenAi} from "./openAiSchemaValidator.js";
import type {TestServer} from "./startTestServer.js";
import {contractRouteFor} from "./contractRouteFor.js";

export type CallApiOptions = {
    /** A JSON body; the request is a POST when there is one, else a GET. */
    body?: unknown,

    /** For a bodiless method other than GET (`DELETE`). */
    method?: "DELETE",
    signal?: AbortSignal,

    /** Extra headers; the bearer key is always sent. */
    headers?: Record<string, string>
};

export type ApiResponse<T> = {
    status: number,
    headers: Headers,
    body: T
};

/**
 * One real HTTP request to `server.baseUrl + path` (e.g. `/chat/completions`) with the server's key. The JSON answer
 * is checked against the official schema its route's metadata names (errors against the error component) before the
 * test sees it.
 */
export async function callApi<T>(server: Pick<TestServer, "baseUrl" | "apiKey">, path: string, options: CallApiOptions = {}): Promise<ApiResponse<T>> {
    const method = options.method ?? (options.body === undefined ? "GET" : "POST");
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
    // The official component each answer must match is in the contract route's metadata.
    const official = contractRouteFor(method, path)?.metadata.official;
    // Anthropic's shapes (its routes; the models routes asked with `anthropic-version`) are checked by anthropicApi.ts
    if (official?.api === "anthropic" || options.headers?.["anthropic-version"] != null)
        return {status: response.status, headers: response.headers, body: body as T};
    const schema = response.status >= 400 ? official?.error ?? "ErrorResponse" : official?.response;
    if (schema != null) validateAgainstOpenAi(schema, body);
    return {status: response.status, headers: response.headers, body: body as T};
}
