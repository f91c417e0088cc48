/**
 * Where each sample appears: a group is one set of tabs in the reference. Every file of `docs/samples/` must be
 * in exactly one group (the generator fails otherwise), and `test/docs/samples.test.ts` runs each of them.
 */
export const sampleGroups = {
    listModels: ["models.sh"],
    chat: ["chat.sh", "chat.py", "chat-openai.mjs", "chat-fetch.mjs"],
    chatStream: ["stream.sh", "stream.py", "stream-openai.mjs", "stream-fetch.mjs"],
    structuredOutput: ["structured-openai.mjs"],
    tools: ["tools-openai.mjs"],
    completion: ["completion.sh"],
    embeddings: ["embeddings.py", "embeddings-openai.mjs"],
    errors: ["errors.py"],
    tsRest: ["chat-ts-rest.ts"],
    openapiFetch: ["generate-types.sh", "chat-openapi-fetch.ts"],
    aiSdk: ["chat-ai-sdk.mjs"]
} as const satisfies Record<string, readonly string[]>;

export type SampleGroupName = keyof typeof sampleGroups;
