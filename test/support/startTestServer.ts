import {randomBytes} from "node:crypto";
import {mkdtemp, readFile, rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type {FastifyInstance} from "fastify";
import {buildOpenApiDocument} from "../../contract/index.js";
import {LlamaEngine} from "../../src/engine/LlamaEngine.js";
import {createServer} from "../../src/server/createServer.js";
import {listenOnLoopback} from "../../src/server/listenOnLoopback.js";
import {testModelPath} from "./testModelPath.js";
import {ResponseStore} from "../../src/app/responses/ResponseStore.js";

export type StartTestServerOptions = {
    /** The GGUF model to serve. Default: the verified stories260K (`testModelPath()`). */
    modelPath?: string,

    /** Context sequences: requests generating at once. Default 2. */
    sequences?: number,

    /** Requests that may wait for a sequence before `queue_full`. Default: the engine's (32). */
    maxQueue?: number,

    /** Tokens per sequence. Default: the engine's (the model's training context, at most 4096). */
    contextSize?: number,

    /** RAM for the prompt cache, in bytes; 0 turns it off. Default: the engine's. */
    promptCacheBytes?: number,

    /**
     * The data dir whose `responses.sqlite` keeps `/v1/responses` answers (the same dir for two servers in turn is a
     * restart). Default: a fresh temporary one, removed on close.
     */
    responsesDir?: string,

    /** Browser origins that get CORS headers, read on every request. Default: none. */
    allowedOrigins?: () => readonly string[]
};

export type TestServer = {
    /** `http://127.0.0.1:<port>/v1`: the API's base URL, as the app shows it and the `openai` client takes it. */
    baseUrl: string,

    /** `http://127.0.0.1:<port>`, for the routes outside `/v1` (`/openapi.json`). */
    origin: string,

    /** The bearer key the server accepts. */
    apiKey: string,
    engine: LlamaEngine,
    app: FastifyInstance,

    /** Closes the server, then disposes the engine. Repeat-safe. */
    close(): Promise<void>
};

/**
 * A real server on a free loopback port over a real model (CPU, one thread: the CI machines have 2 cores), with
 * response validation against the contract turned on, as the style guide asks of tests.
 */
export async function startTestServer(options: StartTestServerOptions = {}): Promise<TestServer> {
    const engine = await LlamaEngine.load({
        modelPath: options.modelPath ?? await testModelPath(),
        threads: 1,
        gpu: "cpu",
        sequences: options.sequences ?? 2,
        maxQueue: options.maxQueue,
        contextSize: options.contextSize,
        promptCacheBytes: options.promptCacheBytes
    });
    const apiKey = "tholos-test-" + randomBytes(16).toString("base64url");
    const ownResponsesDir = options.responsesDir == null ? await mkdtemp(path.join(os.tmpdir(), "tholos-responses-")) : null;
    const responses = ResponseStore.open({dataDir: options.responsesDir ?? ownResponsesDir!});
    const closeResponses = async () => {
        responses.close();
        if (ownResponsesDir != null) await rm(ownResponsesDir, {recursive: true, force: true});
    };
    let app: FastifyInstance | undefined;
    try {
        app = await createServer({
            engine: () => engine,
            apiKey: () => apiKey,
            allowedOrigins: options.allowedOrigins,
            openApiDocument: buildOpenApiDocument({version: "test"}),
            docsHtml: await readFile(new URL("../../docs/reference.html", import.meta.url), "utf8"),
            responseValidation: true,
            responses
        });
        const port = await listenOnLoopback(app, 0);
        const origin = `http://127.0.0.1:${port}`;
        let closed: Promise<void> | undefined;
        const server = app;
        return {
            baseUrl: `${origin}/v1`,
            origin,
            apiKey,
            engine,
            app,
            close: () => closed ??= (async () => {
                try {
                    await server.close();
                } finally {
                    await engine.dispose();
                    await closeResponses();
                }
            })()
        };
    } catch (error) {
        await app?.close();
        await engine.dispose();
        await closeResponses();
        throw error;
    }
}
