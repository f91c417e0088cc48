/**
 * Samples shown in the page's own sections rather than under an endpoint (the endpoints' samples are in each
 * contract route's metadata). Every file of `docs/samples/` must be shown exactly once (the generator fails
 * otherwise), and `test/docs/samples.test.ts` runs each of them.
 */
export const pageSampleGroups = {
    errors: ["errors.py"],
    tsRest: ["chat-ts-rest.ts"],
    openapiFetch: ["generate-types.sh", "chat-openapi-fetch.ts"],
    aiSdk: ["chat-ai-sdk.mjs"]
} as const satisfies Record<string, readonly string[]>;

export type PageSampleGroupName = keyof typeof pageSampleGroups;
