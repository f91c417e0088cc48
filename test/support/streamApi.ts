import {validateAgainstOpenAi} from "./openAiSchemaValidator.js";
import type {TestServer} from "./startTestServer.js";
import {contractRouteFor} from "./contractRouteFor.js";

export type StreamApiOptions<T> = {
    signal?: AbortSignal,

    /** Called with each event as it arrives (after validation), e.g. to abort mid-stream. */
    onChunk?(chunk: T, index: number): void
};

export type StreamApiResult<T> = {
    status: number,
    headers: Headers,

    /** The events before `[DONE]`, in order; empty when the request was refused. */
    chunks: T[],

    /** Whether the stream ended with `data: [DONE]` (or a typed stream with its `response.completed`/`.incomplete`). */
    done: boolean,

    /** The JSON body of a refused request (status ≥ 400), or the error event that ended a stream early. */
    error: {error: {message: string, type: string, param: string | null, code: string | null}} | null
};

/** The official component each event of a streamed route must match, from the contract route's metadata. */
function chunkSchema(path: string) {
    const event = contractRouteFor("POST", path)?.metadata.official.streamEvent;
    if (event == null) throw new Error(`${path} does not stream.`);
    return event;
}

function framing(path: string) {
    return contractRouteFor("POST", path)?.metadata.stream?.framing ?? "data";
}

/**
 * A streamed POST (`stream: true` is added to `body`) read event by event as server-sent events. Every event is
 * checked against the official OpenAI schema; nothing may follow `data: [DONE]`.
 */
export async function streamApi<T>(
    server: Pick<TestServer, "baseUrl" | "apiKey">, path: string, body: object, options: StreamApiOptions<T> = {}
): Promise<StreamApiResult<T>> {
    const response = await fetch(server.baseUrl + path, {
        method: "POST",
        headers: {authorization: `Bearer ${server.apiKey}`, "content-type": "application/json"},
        body: JSON.stringify({...body, stream: true}),
        signal: options.signal
    });
    if (response.status !== 200) {
        const error = await response.json() as StreamApiResult<T>["error"];
        validateAgainstOpenAi("ErrorResponse", error);
        return {status: response.status, headers: response.headers, chunks: [], done: false, error};
    }
    if (!response.headers.get("content-type")?.startsWith("text/event-stream"))
        throw new Error(`A stream must be text/event-stream, got ${response.headers.get("content-type")}.`);

    const result: StreamApiResult<T> = {status: response.status, headers: response.headers, chunks: [], done: false, error: null};
    const decoder = new TextDecoder();
    let buffer = "";
    const onEvent = (event: string) => {
        if (result.done || result.error != null)
            throw new Error(`An event arrived after the stream ended: ${event}`);
        const data = event.split("\n").filter((line) => line.startsWith("data: ")).map((line) => line.slice(6)).join("\n");
        if (data === "[DONE]") {
            result.done = true;
            return;
        }
        const value = JSON.parse(data) as Record<string, unknown>;
        // Typed events (Responses) name their type on an `event:` line, and fail with an `error` event
        const name = event.split("\n").find((line) => line.startsWith("event: "))?.slice(7);
        if (framing(path) === "event") {
            if (name !== value.type) throw new Error(`The event line says ${name}, its data ${String(value.type)}`);
            if (value.type === "error") {
                validateAgainstOpenAi("ResponseErrorEvent", value);
                const {message, code, param} = value as {message: string, code: string | null, param: string | null};
                result.error = {error: {message, type: "error", param, code}};
                return;
            }
        } else if (name != null) throw new Error(`A data-framed stream has an event line: ${name}`);
        if ("error" in value) {
            validateAgainstOpenAi("ErrorResponse", value);
            result.error = value as StreamApiResult<T>["error"];
            return;
        }
        validateAgainstOpenAi(chunkSchema(path), value);
        result.chunks.push(value as T);
        options.onChunk?.(value as T, result.chunks.length - 1);
        // A typed stream ends with its response's last event, no `[DONE]`
        if (typeof value.type === "string" && ["response.completed", "response.incomplete", "response.failed"].includes(value.type)) result.done = true;
    };
    const reader = response.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += decoder.decode(read.value, {stream: true});
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
            onEvent(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
        }
    }
    if (buffer.trim() !== "") throw new Error(`The stream ended inside an event: ${buffer}`);
    return result;
}
