import {initClient, initContract, type AppRoute} from "@ts-rest/core";
import type {AnyZodObject, ZodObject, ZodRawShape, ZodTypeAny, ZodUnion} from "zod";
import {apiContract, openAiModelResponses, type ApiContract} from "./apiContract.js";
import {EventStream} from "./eventStream.js";
import {routeMetadata} from "./RouteMetadata.js";

export type CreateTholosClientOptions = {
    /** The Base URL the app shows, `http://127.0.0.1:<port>/v1`; the origin without `/v1` works too. */
    baseUrl: string,

    /** The API key from Settings → Local API Server, sent as `Authorization: Bearer <key>`. */
    apiKey: string,

    /** Check each 2xx body against the contract and throw on a mismatch. Default `false`. */
    validateResponse?: boolean
};

const c = initContract();

/** The streaming fields a streamed route's body has (its metadata says it streams), left out of whole requests. */
type StreamFields = "stream" | "stream_options";

/**
 * A route as the whole-answer client uses it: for a streaming route, no streaming fields and a JSON-only `200`.
 * (ts-rest's router types `metadata` as unknown, so at the type level a streaming route is one whose body has
 * `stream`; `wholeAnswerRoute` checks at run time that the two agree.)
 */
type WholeAnswerRoute<R> = R extends {
    body: ZodObject<infer Shape extends ZodRawShape & {stream: ZodTypeAny}>,
    responses: infer Responses extends {200: ZodTypeAny}
}
    ? Omit<R, "body" | "responses"> & {
        body: ZodObject<Omit<Shape, StreamFields>>,
        responses: Omit<Responses, 200> & {
            200: Responses[200] extends ZodUnion<infer Options> ? Exclude<Options[number], typeof EventStream> : Responses[200]
        }
    }
    : R;

/** This client sends no `anthropic-version`, so the models routes answer it in OpenAI's shapes only. */
type ClientRoute<Name, R> = Name extends keyof typeof openAiModelResponses
    ? Omit<R, "responses"> & {responses: (typeof openAiModelResponses)[Name]}
    : WholeAnswerRoute<R>;

function wholeAnswerRoute(route: AppRoute): AppRoute {
    const hasStreamField = route.method === "POST" && "stream" in ((route.body as Partial<AnyZodObject>).shape ?? {});
    if (hasStreamField !== (routeMetadata(route).stream != null))
        throw new Error(`${route.path}: its metadata and its body disagree on whether it streams.`);
    if (!hasStreamField) return route;
    const ok = route.responses[200] as ZodTypeAny;
    const options = "options" in ok._def ? (ok._def.options as ZodTypeAny[]) : [ok];
    return {
        ...route,
        body: (route.body as AnyZodObject).omit({stream: true, stream_options: true} satisfies Record<StreamFields, true>),
        responses: {...route.responses, 200: options.find((option) => option !== EventStream)!}
    };
}

/**
 * `apiContract` as this client uses it: whole answers only, and OpenAI's shapes on the models routes. The server's
 * contract types a `200` of a streaming route (by its metadata) as "JSON or an event stream" (a stream object exists
 * only on the server); here the streaming fields are left out of the bodies, so a `200` is always the JSON answer.
 */
const wholeAnswerContract = c.router(
    Object.fromEntries(Object.entries(apiContract).map(([name, route]) => [name, name in openAiModelResponses
        ? {...route, responses: openAiModelResponses[name as keyof typeof openAiModelResponses]}
        : wholeAnswerRoute(route)])) as {[Name in keyof ApiContract]: ClientRoute<Name, ApiContract[Name]>},
    {strictStatusCodes: true}
);

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
