import {
    AnthropicErrorResponse, AnthropicMessage, AnthropicMessageStreamEvent, MessageTokensCount
} from "../../contract/index.js";
import type {TestServer} from "./startTestServer.js";

/** Anthropic's clients' headers: the key as `x-api-key` and an API version. */
export const anthropicHeaders = (server: Pick<TestServer, "apiKey">) =>
    ({"x-api-key": server.apiKey, "anthropic-version": "2023-06-01", "content-type": "application/json"});

export type AnthropicResult<T> = {status: number, headers: Headers, body: T};

/**
 * A POST to an Anthropic route (`/messages`, `/messages/count_tokens`) as Anthropic's clients send it. The answer is
 * parsed with the contract's schema of that route (whose type test/clients/anthropicConformance.ts checks against
 * the official SDK's), an error with Anthropic's error object.
 */
export async function callAnthropic<T = AnthropicMessage>(
    server: Pick<TestServer, "baseUrl" | "apiKey">, path: "/messages" | "/messages/count_tokens", body: unknown, headers: Record<string, string> = {}
): Promise<AnthropicResult<T>> {
    const response = await fetch(server.baseUrl + path, {
        method: "POST", headers: {...anthropicHeaders(server), ...headers}, body: JSON.stringify(body)
    });
    const json: unknown = await response.json();
    const schema = response.status >= 400 ? AnthropicErrorResponse : path === "/messages" ? AnthropicMessage : MessageTokensCount;
    schema.strict().parse(json);
    return {status: response.status, headers: response.headers, body: json as T};
}

export type AnthropicStream = {
    status: number,

    /** Every event in order (pings included), each checked against the contract's event schema. */
    events: AnthropicMessageStreamEvent[],

    /** The body of a refused request (status ≥ 400). */
    error: AnthropicErrorResponse | null
};

/** A streamed `POST /messages` (`stream: true` added), read event by event; each event's `event:` line must name its type. */
export async function streamAnthropic(server: Pick<TestServer, "baseUrl" | "apiKey">, body: object): Promise<AnthropicStream> {
    const response = await fetch(server.baseUrl + "/messages", {
        method: "POST", headers: anthropicHeaders(server), body: JSON.stringify({...body, stream: true})
    });
    if (response.status !== 200)
        return {status: response.status, events: [], error: AnthropicErrorResponse.strict().parse(await response.json())};
    if (!response.headers.get("content-type")?.startsWith("text/event-stream"))
        throw new Error(`A stream must be text/event-stream, got ${response.headers.get("content-type")}.`);
    const text = await response.text();
    if (!text.endsWith("\n\n")) throw new Error(`The stream ended inside an event: ${text.slice(-200)}`);
    const events = text.slice(0, -2).split("\n\n").map((event) => {
        const [eventLine, dataLine, ...rest] = event.split("\n");
        if (rest.length > 0 || !eventLine?.startsWith("event: ") || !dataLine?.startsWith("data: "))
            throw new Error(`Not an \`event:\` + \`data:\` pair: ${event}`);
        const data = AnthropicMessageStreamEvent.parse(JSON.parse(dataLine.slice("data: ".length)));
        if (eventLine.slice("event: ".length) !== data.type) throw new Error(`The event line says ${eventLine}, its data ${data.type}`);
        return data;
    });
    const last = events.at(-1)?.type;
    if (last !== "message_stop" && last !== "error") throw new Error(`The stream ended with ${last}, not message_stop or error.`);
    return {status: response.status, events, error: null};
}
