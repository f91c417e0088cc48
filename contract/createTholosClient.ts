import {initClient, initContract} from "@ts-rest/core";
import {apiContract} from "./apiContract.js";
import {CreateChatCompletionRequest, CreateChatCompletionResponse} from "./schemas/chat.js";
import {CreateCompletionRequest, CreateCompletionResponse} from "./schemas/completions.js";

export type CreateTholosClientOptions = {
    /** The Base URL the app shows, `http://127.0.0.1:<port>/v1`; the origin without `/v1` works too. */
    baseUrl: string,

    /** The API key from Settings → Local API Server, sent as `Authorization: Bearer <key>`. */
    apiKey: string,

    /** Check each 2xx body against the contract and throw on a mismatch. Default `false`. */
    validateResponse?: boolean
};

const c = initContract();

/**
 * `apiContract` as this client uses it: whole answers only. The server's contract types a `200` as "JSON or an
 * event stream" (a stream object exists only on the server); here the streaming fields are left out of the
 * bodies, so a `200` is always the JSON answer.
 */
const wholeAnswerContract = c.router({
    ...apiContract,
    createChatCompletion: {
        ...apiContract.createChatCompletion,
        body: CreateChatCompletionRequest.omit({stream: true, stream_options: true}),
        responses: {...apiContract.createChatCompletion.responses, 200: CreateChatCompletionResponse}
    },
    createCompletion: {
        ...apiContract.createCompletion,
        body: CreateCompletionRequest.omit({stream: true, stream_options: true}),
        responses: {...apiContract.createCompletion.responses, 200: CreateCompletionResponse}
    }
}, {strictStatusCodes: true});

/**
 * A typed client of the Local API Server for TypeScript, built with ts-rest from the server's own contract, so a
 * request that compiles is one the server accepts. Each call resolves to `{status, body, headers}` typed per status
 * (a 4xx is an answer to narrow on, not an exception). It makes whole requests; to stream, use the `openai` client
 * or `fetch` (see the reference).
 */
export function createTholosClient(options: CreateTholosClientOptions) {
    return initClient(wholeAnswerContract, {
        // The contract's paths start with `/v1`, so the client wants the origin.
        baseUrl: options.baseUrl.replace(/\/+$/, "").replace(/\/v1$/, ""),
        baseHeaders: {authorization: `Bearer ${options.apiKey}`},
        validateResponse: options.validateResponse ?? false,
        throwOnUnknownStatus: true
    });
}
