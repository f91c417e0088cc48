import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {CreateEmbeddingResponse, ErrorResponse} from "../../contract/index.js";
import {callApi} from "../support/callApi.js";
import {openTokenizer, type TestTokenizer} from "../support/openTokenizer.js";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {testModelPath} from "../support/testModelPath.js";

let server: TestServer;
let tokenizer: TestTokenizer;
beforeAll(async () => {
    server = await startTestServer({sequences: 1});
    tokenizer = await openTokenizer(await testModelPath());
});
afterAll(async () => {
    await tokenizer?.dispose();
    await server?.close();
});

/** stories260K's hidden size. */
const embeddingSize = 64;

const embed = (body: object) => callApi<CreateEmbeddingResponse>(server, "/embeddings", {body});
const vectorOf = (response: CreateEmbeddingResponse, index: number) => response.data[index]!.embedding as number[];

describe("/v1/embeddings", () => {
    it("embeds a string as one vector of the model's hidden size, counting BOS and its tokens", async () => {
        const {status, body} = await embed({input: "The cat sat on the mat."});
        expect(status).toBe(200);
        expect(body).toMatchObject({object: "list", model: "stories260K"});
        expect(body.data).toHaveLength(1);
        expect(body.data[0]).toMatchObject({index: 0, object: "embedding"});
        expect(vectorOf(body, 0)).toHaveLength(embeddingSize);
        expect(vectorOf(body, 0).every(Number.isFinite)).toBe(true);
        expect(Math.hypot(...vectorOf(body, 0))).toBeCloseTo(1, 5);
        expect(body.usage.prompt_tokens).toBe(1 + tokenizer.model.tokenize("The cat sat on the mat.").length);
        expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens);
    });

    it("embeds an array of strings in order, each as it embeds alone", async () => {
        const inputs = ["A dog.", "The cat sat on the mat.", "Sun"];
        const {body} = await embed({input: inputs});
        expect(body.data.map((item) => item.index)).toEqual([0, 1, 2]);
        for (const [index, input] of inputs.entries())
            expect(vectorOf(body, index)).toEqual(vectorOf((await embed({input})).body, 0));
        expect(vectorOf(body, 0)).not.toEqual(vectorOf(body, 1));
    });

    it("embeds token arrays as the text they spell", async () => {
        const tokens = tokenizer.model.tokenize("The cat sat on the mat.").map(Number);
        const fromText = vectorOf((await embed({input: "The cat sat on the mat."})).body, 0);
        expect(vectorOf((await embed({input: tokens})).body, 0)).toEqual(fromText);
        const {body} = await embed({input: [tokens, tokens.slice(0, 3)]});
        expect(body.data).toHaveLength(2);
        expect(vectorOf(body, 0)).toEqual(fromText);
    });

    it("sends base64 of the same little-endian float32 values", async () => {
        const input = ["The cat sat on the mat.", "A dog."];
        const floats = (await embed({input, encoding_format: "float"})).body;
        const base64 = (await embed({input, encoding_format: "base64"})).body;
        for (const index of [0, 1]) {
            const bytes = Buffer.from(base64.data[index]!.embedding as string, "base64");
            expect(bytes.length).toBe(embeddingSize * 4);
            const decoded = Array.from({length: embeddingSize}, (_, i) => bytes.readFloatLE(i * 4));
            expect(decoded).toEqual(vectorOf(floats, index));
        }
    });

    it("accepts dimensions equal to the model's size and refuses any other", async () => {
        expect((await embed({input: "Sun", dimensions: embeddingSize})).status).toBe(200);
        const {status, body} = await callApi<ErrorResponse>(server, "/embeddings", {body: {input: "Sun", dimensions: 32}});
        expect(status).toBe(400);
        expect(body.error.param).toBe("dimensions");
        expect(body.error.message).toContain(String(embeddingSize));
    });

    it("refuses an empty string", async () => {
        const {status, body} = await callApi<ErrorResponse>(server, "/embeddings", {body: {input: ""}});
        expect(status).toBe(400);
        expect(body.error.param).toBe("input");
    });
});
