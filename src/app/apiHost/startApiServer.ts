import type {FastifyBaseLogger, FastifyInstance} from "fastify";
import type {CreateServerOptions} from "../../server/createServer.js";
import {releaseHeapMemory} from "./releaseHeapMemory.js";

/**
 * A server quiet this long hands V8's spare heap back (releaseHeapMemory). Long enough that a client's next request
 * in a run of them rarely meets the collection's pause, short enough that the memory is back while the user looks.
 */
export const releaseAfterIdleMs = 2000;

export type StartApiServerOptions = Pick<CreateServerOptions, "engine" | "apiKey" | "allowedOrigins" | "openApiDocument" | "docsHtml" | "responseValidation" | "responses"> & {
    /** Port on 127.0.0.1; 0 picks a free one. */
    readonly port: number,

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
 * modules are most of their start-up time. ApiHost starts it while a model loads, when node-llama-cpp reads the file on
 * its own threads and the JS thread would wait idle, so a cold start doesn't pay for the import after the load.
 */
function importServerModules() {
    if (serverModules == null) {
        serverModules = Promise.all([import("../../server/createServer.js"), import("../../server/listenOnLoopback.js")] as const);
        // A failed import is tried again by the next start, which then reports it
        serverModules.catch(() => serverModules = undefined);
    }
    return serverModules;
}

/** Starts `importServerModules` if it hasn't started; a failure is left to `startApiServer` to report. */
export function preloadServerModules() {
    if (serverModules == null) importServerModules().catch(() => undefined);
}

/**
 * Builds a fresh Fastify app (an app can't listen again once closed) and binds it to 127.0.0.1. A failed bind
 * closes the app and rethrows the listen error (e.g. `EADDRINUSE`) for the caller to word.
 */
export async function startApiServer({port, createServer, ...options}: StartApiServerOptions): Promise<StartedApiServer> {
    const [server, {listenOnLoopback}] = await importServerModules();
    const app = await (createServer ?? server.createServer)({...options, releaseWhenIdle: {afterMs: releaseAfterIdleMs, release: releaseHeapMemory}});
    try {
        return {app, port: await listenOnLoopback(app, port)};
    } catch (err) {
        await app.close().catch(() => undefined);
        throw err;
    }
}
