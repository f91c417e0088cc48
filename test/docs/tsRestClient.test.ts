import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {createTholosClient} from "../../contract/index.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

let server: TestServer;

beforeAll(async () => {
    server = await startTestServer({sequences: 1});
});
afterAll(async () => {
    await server?.close();
});

describe("createTholosClient (the package's ts-rest client)", () => {
    const client = () => createTholosClient({baseUrl: server.baseUrl, apiKey: server.apiKey, validateResponse: true});

    it("lists and retrieves the loaded model, whichever form of base URL it is given", async () => {
        for (const baseUrl of [server.baseUrl, `${server.baseUrl}/`, server.origin]) {
            const models = await createTholosClient({baseUrl, apiKey: server.apiKey}).listModels();
            expect(models.status).toBe(200);
            if (models.status === 200) expect(models.body.data.map((model) => model.id)).toEqual(["stories260K"]);
        }
        const model = await client().retrieveModel({params: {model: "stories260K"}});
        expect(model.status === 200 && model.body.meta?.backend).toBe("cpu");
    });

    it("creates a chat completion, typed", async () => {
        const chat = await client().createChatCompletion({
            body: {messages: [{role: "user", content: "Say hello in one sentence."}], max_tokens: 8, seed: 1}
        });
        if (chat.status !== 200) throw new Error(`unexpected ${chat.status}`);
        expect(chat.body.object).toBe("chat.completion");
        expect(typeof chat.body.choices[0]?.message.content).toBe("string");
        expect(chat.body.usage.completion_tokens).toBeLessThanOrEqual(8);
    });

    it("creates a completion and embeddings", async () => {
        const completion = await client().createCompletion({body: {prompt: "Once upon a time", max_tokens: 4}});
        expect(completion.status === 200 && completion.body.choices[0]!.text.length).toBeGreaterThan(0);
        const embeddings = await client().createEmbedding({body: {input: "Hello"}});
        expect(embeddings.status === 200 && embeddings.body.data[0]!.embedding).toHaveLength(64);
    });

    it("creates an Anthropic message, typed, with Anthropic's error object typed on its errors", async () => {
        const message = await client().createMessage({body: {max_tokens: 8, messages: [{role: "user", content: "Say hello."}]}});
        if (message.status !== 200) throw new Error(`unexpected ${message.status}`);
        expect(message.body.content[0]?.type).toBe("text");
        const refused = await client().countMessageTokens({body: {model: "claude-local-test", messages: [{role: "user", content: "Hi"}]}});
        expect(refused.status).toBe(404);
        if (refused.status === 404) expect(refused.body.error.type).toBe("not_found_error");
    });

    it("answers errors as typed results, not exceptions", async () => {
        const missing = await client().retrieveModel({params: {model: "gpt-4o"}});
        expect(missing.status).toBe(404);
        if (missing.status === 404) expect(missing.body.error.code).toBe("model_not_found");

        const unauthorised = await createTholosClient({baseUrl: server.baseUrl, apiKey: "wrong-key"}).listModels();
        expect(unauthorised.status).toBe(401);
        if (unauthorised.status === 401) expect(unauthorised.body.error.code).toBe("invalid_api_key");
    });
});
