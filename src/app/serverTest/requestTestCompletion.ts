import {errorMessage} from "../utils/errorMessage.js";
import type {ServerTestResult} from "./ServerTestResult.js";

export type RequestTestCompletionOptions = {
    readonly port: number,
    readonly apiKey: string,

    /** Give up after this many ms. */
    readonly timeoutMs: number,

    /** Default: the global `fetch`. */
    readonly fetch?: typeof fetch,

    /** Clock in ms. Default: `performance.now`. */
    readonly now?: () => number
};

/**
 * The real round trip behind Test: a 1-token chat completion over HTTP with the given key, so it proves the port,
 * the key check and the model all answer — not just that a socket is open.
 */
export async function requestTestCompletion(
    {port, apiKey, timeoutMs, fetch: fetchFn = fetch, now = () => performance.now()}: RequestTestCompletionOptions
): Promise<ServerTestResult> {
    const url = `http://127.0.0.1:${port}/v1/chat/completions`;
    const start = now();
    let response: Response;
    let body: unknown;
    try {
        const signal = AbortSignal.timeout(timeoutMs);
        response = await fetchFn(url, {
            method: "POST",
            headers: {"authorization": `Bearer ${apiKey}`, "content-type": "application/json"},
            body: JSON.stringify({messages: [{role: "user", content: "Say hello."}], max_tokens: 1}),
            signal
        });
        body = await response.json().catch(() => null);
    } catch (err) {
        if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError"))
            return {
                ok: false,
                reason: "timeout",
                message: `Timeout: http://127.0.0.1:${port} did not answer within ${timeoutMs / 1000} s; the model may be busy with other requests, try again.`
            };

        const code = (err as {cause?: {code?: string}}).cause?.code;
        if (code === "ECONNREFUSED" || code === "ECONNRESET")
            return {
                ok: false,
                reason: "port_error",
                message: `Port error: nothing answered on http://127.0.0.1:${port} (${code}); the server stopped or another program holds the port.`
            };

        return {ok: false, reason: "failed", message: `Failed: the request to http://127.0.0.1:${port} failed: ${errorMessage((err as {cause?: unknown}).cause ?? err)}.`};
    }

    const ms = Math.max(0, Math.round(now() - start));
    const rawMessage = (body as {error?: {message?: unknown}} | null)?.error?.message;
    const apiMessage = typeof rawMessage === "string" ? rawMessage.replace(/\.$/, "") : null;
    if (response.status === 401)
        return {
            ok: false,
            reason: "wrong_key",
            message: `Wrong key: the server refused the API key (401${apiMessage != null ? `: ${apiMessage}` : ""}).`
        };

    const model = (body as {model?: unknown} | null)?.model;
    if (!response.ok || typeof model !== "string")
        return {
            ok: false,
            reason: "failed",
            message: `Failed: the server answered ${response.status}${apiMessage != null ? `: ${apiMessage}` : " without a chat completion"}.`
        };

    return {ok: true, ms, model, message: `answered in ${ms} ms (model ${model})`};
}
