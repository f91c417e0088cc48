import http from "node:http";

export type StreamTiming = {
    /** Request sent → first event carrying generated text, in ms. */
    ttftMs: number,

    /** Tokens after the first, per second of streaming after the first (the decode rate). */
    decodeTokensPerSecond: number,

    /** `usage.completion_tokens`. */
    tokens: number,

    /** The generated text, joined. */
    text: string,

    /** Request sent → stream ended, in ms. */
    totalMs: number
};

export type StreamRequestOptions = {
    baseUrl: string,
    apiKey: string,
    path: "/v1/completions" | "/v1/chat/completions",
    body: Record<string, unknown>,

    /** Keep-alive agent shared by a client's requests, as an SDK keeps one. */
    agent: http.Agent
};

/**
 * One streamed request over plain `node:http` (lighter per chunk than `fetch`'s web streams, so the client steals as
 * little CPU from the server as it can on a 2-core machine). Parses each SSE event once; fails on any error event.
 */
export async function streamRequest(options: StreamRequestOptions): Promise<StreamTiming> {
    try {
        return await streamOnce(options);
    } catch (error) {
        // A keep-alive socket the server closed while idle (llama-server closes them after 5 s) fails before any
        // answer: once, the request goes again on a fresh socket, as HTTP clients do.
        if ((error as {code?: string}).code !== "ECONNRESET") throw error;
        return await streamOnce(options);
    }
}

function streamOnce(options: StreamRequestOptions): Promise<StreamTiming> {
    const payload = JSON.stringify({...options.body, stream: true, stream_options: {include_usage: true}});
    return new Promise((resolve, reject) => {
        const start = performance.now();
        let first = 0;
        let text = "";
        let tokens = -1;
        let buffered = "";
        const request = http.request(`${options.baseUrl}${options.path}`, {
            method: "POST",
            agent: options.agent,
            headers: {
                authorization: `Bearer ${options.apiKey}`,
                "content-type": "application/json",
                "content-length": Buffer.byteLength(payload)
            }
        }, (response) => {
            if (response.statusCode !== 200) {
                let body = "";
                response.setEncoding("utf8").on("data", (chunk: string) => body += chunk)
                    .on("end", () => reject(new Error(`HTTP ${response.statusCode}: ${body}`)));
                return;
            }
            response.setEncoding("utf8");
            response.on("data", (chunk: string) => {
                buffered += chunk;
                let end: number;
                while ((end = buffered.indexOf("\n\n")) >= 0) {
                    const event = buffered.slice(0, end);
                    buffered = buffered.slice(end + 2);
                    if (event === "data: [DONE]") continue;
                    const data = JSON.parse(event.slice(6));
                    if (data.error != null) return reject(new Error(`stream error: ${JSON.stringify(data.error)}`));
                    const choice = data.choices[0];
                    const piece: string | undefined = choice?.text ?? choice?.delta?.content;
                    if (piece != null && piece !== "") {
                        if (first === 0) first = performance.now();
                        text += piece;
                    }
                    if (data.usage != null) tokens = data.usage.completion_tokens;
                }
            });
            response.on("end", () => {
                const end = performance.now();
                if (tokens < 0) return reject(new Error("the stream ended without usage"));
                resolve({
                    ttftMs: first - start,
                    decodeTokensPerSecond: tokens > 1 ? (tokens - 1) / ((end - first) / 1000) : NaN,
                    tokens,
                    text,
                    totalMs: end - start
                });
            });
            response.on("error", reject);
        });
        request.on("error", reject);
        request.end(payload);
    });
}
