import http from "node:http";
import {promptFor} from "./benchPrompts.js";
import type {StreamTiming} from "./streamRequest.js";

export type MixRequest = (apiPath: "/v1/completions" | "/v1/chat/completions", body: Record<string, unknown>, agent: http.Agent) => Promise<StreamTiming>;

/**
 * `requests` short completions and chats, alternating, from 4 clients at once: the load the memory-growth figures
 * measure. `extra(index)` adds fields to each body (sampling, say).
 */
export async function sendRequestMix(send: MixRequest, requests: number, maxTokens: number, extra: (index: number) => object = () => ({})) {
    let next = 0;
    await Promise.all(Array.from({length: 4}, async () => {
        const agent = new http.Agent({keepAlive: true});
        while (next < requests) {
            const index = next++;
            await send(index % 2 === 0 ? "/v1/completions" : "/v1/chat/completions", index % 2 === 0
                ? {prompt: promptFor(index), max_tokens: maxTokens, ...extra(index)}
                : {messages: [{role: "user", content: promptFor(index)}], max_tokens: maxTokens, ...extra(index)}, agent);
        }
        agent.destroy();
    }));
}
