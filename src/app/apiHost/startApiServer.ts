import type {FastifyBaseLogger, FastifyInstance} from "fastify";
import type {CreateServerOptions} from "../../server/createServer.js";
import {releaseHeapMemory} from "./releaseHeapMemory.js";

/**
 * A server quiet this long hands V8's spare heap back (releaseHeapMemory). Long enough that a client's next request
 * in a run of them rarely meets the collection's pause, short enough that the memory is back while the user looks.
 */
export const releaseAfterIdleMs = 2000;

export type ApiServerOptions = Pick<CreateServerOptions, "engine" | "apiKey" | "allowedOrigins" | "openApiDocument" | "docsHtml" | "responseValidation" | "responses"> & {
    /** Default: no logging. */
    readonly logger?: FastifyBaseLogger,

    /** Default: `createServer` from `src/server/`. */
    readonly createServer?: (options: CreateServerOptions) => Promise<FastifyInstance>
};

export type StartedApiServer = {
    readonly app: FastifyInstance,

    /** The port really bound. */
    readonly port: number
};

let serverModules: Promise<readonly [typeof import("../../server/createServer.js"), typeof import("../../server/listenOnLoopback.js")]> | undefined;

/**
 * Imports Fastify and the routes, once. Not at start-up: the CLI's commands open a core that never serves, and these
 * modules are most of their start-up time. ApiHost builds the app (createApiServer) while a model loads, when
 * llama.cpp reads the file and creates the context on its own threads and the JS thread would wait idle, so a cold start
 * pays for neither the import nor the build after the load.
 */
function importServerModules() {
    if (serverModules == null) {
        serverModules = Promise.all([import("../../server/createServer.js"), import("../../server/listenOnLoopback.js")] as const);
        // A failed import is tried again by the next start, which then reports it
        serverModules.catch(() => serverModules = undefined);
    }
    return serverModules;
}

/**
 * Builds a fresh Fastify app (an app can't listen again once closed) and readies it: its plugins and routes are
 * registered and their schemas compiled, so `listenApiServer` only binds. ApiHost builds it while a model loads.
 */
export async function createApiServer({createServer, ...options}: ApiServerOptions): Promise<FastifyInstance> {
    const [server] = await importServerModules();
    const app = await (createServer ?? server.createServer)({...options, releaseWhenIdle: {afterMs: releaseAfterIdleMs, release: releaseHeapMemory}});
    try {
        await app.ready();
        return app;
    } catch (err) {
        await app.close().catch(() => undefined);
        throw err;
    }
}

/**
 * Binds an app from `createApiServer` to 127.0.0.1. A failed bind closes the app and rethrows the listen error (e.g.
 * `EADDRINUSE`) for the caller to word.
 */
export async function listenApiServer(app: FastifyInstance, port: number): Promise<StartedApiServer> {
    const [, {listenOnLoopback}] = await importServerModules();
    try {
        return {app, port: await listenOnLoopback(app, port)};
    } catch (err) {
        await app.close().catch(() => undefined);
        throw err;
    }
}
