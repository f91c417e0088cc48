import type {FastifyBaseLogger, FastifyInstance} from "fastify";
import type {CreateServerOptions} from "../../server/createServer.js";

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

/**
 * Builds a fresh Fastify app (an app can't listen again once closed) and binds it to 127.0.0.1. A failed bind
 * closes the app and rethrows the listen error (e.g. `EADDRINUSE`) for the caller to word.
 */
export async function startApiServer({port, createServer, ...options}: StartApiServerOptions): Promise<StartedApiServer> {
    // Imported on the first start: the CLI's commands open a core that never serves, and Fastify and the routes
    // are most of their start-up time.
    const server = await import("../../server/createServer.js");
    const {listenOnLoopback} = await import("../../server/listenOnLoopback.js");
    const app = await (createServer ?? server.createServer)(options);
    try {
        return {app, port: await listenOnLoopback(app, port)};
    } catch (err) {
        await app.close().catch(() => undefined);
        throw err;
    }
}
