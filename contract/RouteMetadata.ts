import type {AppRoute} from "@ts-rest/core";

/**
 * What the contract says about a route beyond its schemas, so the OpenAPI document, the reference, the typed client
 * and the tests read one definition instead of keeping per-route lists. Adding a protocol's routes = routes with this
 * metadata + an adapter in `src/server/<protocol>/` + sample files in `docs/samples/`.
 */
export type RouteMetadata = {
    /**
     * The official API description the route's answers are validated against (`../shared/openai/openapi.json` for
     * `openai`; for `anthropic`, which publishes no description here, the types of the official `@anthropic-ai/sdk`,
     * checked in test/clients/anthropicConformance.ts), with the component each answer matches: the JSON answer (none
     * where the description gives the answer no schema, as for `DELETE /responses/{id}`) and, when it streams, each
     * event. Errors match the protocol's error component.
     */
    official: {api: "openai" | "anthropic", response?: string, streamEvent?: string, error: string},

    /** Present when `stream: true` is allowed: how events are framed and which of our components each event is. */
    stream?: {
        /**
         * `data`: `data: <json>` lines ending with `data: [DONE]` (OpenAI Chat Completions and Completions); `event`: an
         * `event: <type>` line before each `data: <json>`, nothing after the last (OpenAI Responses).
         */
        framing: "data" | "event",
        event: string
    },

    /** Where the reference shows the route's samples (files of `docs/samples/`), as groups of tabs; at least one. */
    samples: readonly SampleGroup[]
};

export type SampleGroup = {
    /** A heading above the tabs; none for the first group, right under "Examples". */
    heading?: string,
    intro?: string,
    files: readonly string[]
};

/** The metadata of a contract route (every route has it; `test/contract/routeMetadata.test.ts` checks). */
export function routeMetadata(route: AppRoute): RouteMetadata {
    return route.metadata as RouteMetadata;
}
