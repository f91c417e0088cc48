import Fastify, {type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest} from "fastify";
import type {AddressInfo} from "node:net";
import {initServer, RequestValidationError} from "@ts-rest/fastify";
import {ApiError} from "./ApiError.js";
import {toApiError} from "./toApiError.js";
import {toValidationError} from "./toValidationError.js";
import {handleClientError} from "./handleClientError.js";
import {bearerToken} from "./guards/bearerToken.js";
import {constantTimeEquals} from "./guards/constantTimeEquals.js";
import {corsHeaders} from "./guards/corsHeaders.js";
import {isAllowedHost} from "./guards/isAllowedHost.js";
import {requestProtocol} from "./requestProtocol.js";
import {createApiRouter} from "./routes/apiRouter.js";
import type {StoredResponses} from "./openai/responses/StoredResponses.js";
import type {ServerEngine} from "./ServerEngine.js";
import {ServerLifetime} from "./ServerLifetime.js";
import {IdleRelease} from "./IdleRelease.js";

export type CreateServerOptions = {
    /** The engine answering requests; `null` while no model is loaded (requests then get 503). */
    engine(): ServerEngine | null,

    /** The current API key, read on every request so a regenerated key applies to the very next one. */
    apiKey(): string,

    /**
     * Browser origins that get CORS headers (exact, as browsers send `Origin`), read on every request so a change
     * applies to the very next one. Default: none — no CORS headers for any origin.
     */
    allowedOrigins?(): readonly string[],

    /** The published OpenAPI document, served at `/openapi.json`. */
    openApiDocument: object,

    /** The reference page (`docs/reference.html`), served at `/docs`. Default: none, and `/docs` is a 404. */
    docsHtml?: string,

    /** Validate every response against the contract (tests turn it on). Default `false`. */
    responseValidation?: boolean,

    /**
     * Milliseconds a client has to send a whole request (headers and body) before it is answered with a 400 and
     * disconnected: a slow-drip client can't hold a connection forever. Default 60 000.
     */
    requestTimeoutMs?: number,

    /** Largest request body in bytes. Default 4 MiB. */
    bodyLimit?: number,

    /** Where request lines and unexpected errors go (never bodies or headers). Default: no logging. */
    logger?: FastifyBaseLogger,

    /** Where `/v1/responses` keeps stored answers. Default: none (nothing is kept; stored ids are 404s). */
    responses?: StoredResponses | null,

    /**
     * Milliseconds a streamed Anthropic message may stay quiet (a long prompt or thought) before a `ping` event keeps
     * the client's and any proxy's idle timers from firing. Default 5000.
     */
    pingIntervalMs?: number,

    /**
     * Calls `release` once no request has been open for `afterMs` (and again only after more requests): the product
     * hands V8's spare heap back there, which V8 itself does only after 100 s of quiet (docs/performance.md). One
     * server per process is assumed: another's traffic doesn't hold it off. Default: none.
     */
    releaseWhenIdle?: {afterMs: number, release(): void} | null
};

/** Routes that answer without a key: they hold nothing secret. */
const publicPaths = new Set(["/openapi.json", "/docs"]);

/**
 * The reference page is self-contained (inline CSS, no script, no remote asset); this policy makes the browser
 * enforce that it stays so.
 */
const docsContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The HTTP server, not yet listening: `listenOnLoopback` binds it. */
export async function createServer(options: CreateServerOptions): Promise<FastifyInstance> {
    const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    const app = Fastify({
        loggerInstance: options.logger,
        bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024,
        // A slow-drip client can't hold a connection (or its sequence queue slot) forever. Node 20 honours the timeout
        // only when given to the http.Server constructor (Fastify sets it on the server afterwards, which has no
        // effect), and checks it every 30 s by default, which would let a drip last up to 1.5× the timeout.
        requestTimeout: requestTimeoutMs,
        http: {requestTimeout: requestTimeoutMs, connectionsCheckingInterval: Math.max(50, Math.min(requestTimeoutMs / 4, 30_000))},
        return503OnClosing: true,
        forceCloseConnections: true,
        clientErrorHandler: handleClientError,
        // A URL that can't be decoded (`/v1/models/%`) is answered before routing; keep the one error shape.
        frameworkErrors: (error, request, reply) => {
            const {apiError} = toApiError(error);
            return (reply as FastifyReply).status(apiError.status).type("application/json").send(apiError.toBodyFor(requestProtocol(request)));
        }
    });

    // `curl -d` sends JSON labelled as a form; parse any body as JSON rather than refuse it, as llama-server does.
    // Fastify's own JSON parser, so such bodies fail exactly as `application/json` ones do (mapped in toApiError).
    app.addContentTypeParser("*", {parseAs: "string"}, app.getDefaultJsonParser("error", "error"));

    if (options.releaseWhenIdle != null) {
        const idle = new IdleRelease(options.releaseWhenIdle.afterMs, options.releaseWhenIdle.release);
        // First, so a refused request counts too; a response's `close` fires however it ends (sent, failed, cut off)
        app.addHook("onRequest", async (_request, reply) => {
            idle.opened();
            reply.raw.once("close", () => idle.closed());
        });
        app.addHook("onReady", async () => idle.start());
        app.addHook("onClose", async () => idle.stop());
    }

    // The CORS headers each answered request of an allowed origin gets, its errors and streams included (onSend).
    const corsResponseHeaders = new WeakMap<FastifyRequest, Readonly<Record<string, string>>>();
    app.addHook("onRequest", async (request, reply) => {
        // A server that isn't listening can only be reached through `inject()` (tests): no browser can address it, so
        // there is no Host to check. Once it listens, every request is checked.
        const address = app.server.address() as AddressInfo | null;
        if (address != null && !isAllowedHost(request.headers.host, address.port))
            throw new ApiError("host_not_allowed", `Requests must be addressed to http://127.0.0.1:${address.port} (the Host header was refused).`);

        // After the Host check (a rebinding page never gets CORS headers), before the key (a preflight carries none).
        const cors = corsHeaders(request, options.allowedOrigins?.() ?? []);
        if (cors.kind === "preflight") return reply.status(204).headers(cors.headers).send();
        if (cors.kind === "response") corsResponseHeaders.set(request, cors.headers);

        const path = request.url.split("?")[0]!;
        if (publicPaths.has(path)) return;
        // Either header carries the key (Anthropic's clients send `x-api-key`); a request that sends both must send it twice.
        const bearer = bearerToken(request.headers.authorization);
        const apiKeyHeader = request.headers["x-api-key"];
        // A repeated header arrives as a list: refused rather than guessed at
        const tokens = [bearer, Array.isArray(apiKeyHeader) ? "" : apiKeyHeader].filter((token) => token != null);
        if (tokens.length === 0)
            throw new ApiError("invalid_api_key", "Missing API key: send the header `Authorization: Bearer <your key>` (or `x-api-key: <your key>`). The key is in Settings → Local API Server.");
        const key = options.apiKey();
        // Both compared, whatever the first gives, so the time taken doesn't say which one was wrong
        if (!tokens.map((token) => constantTimeEquals(token, key)).every(Boolean))
            throw new ApiError("invalid_api_key", "Incorrect API key. Copy the current key from Settings → Local API Server (it changes when regenerated).");
    });

    app.addHook("onSend", async (request, reply) => {
        const headers = corsResponseHeaders.get(request);
        if (headers != null) reply.headers(headers);
    });

    app.setErrorHandler((error, request, reply) => {
        const {apiError, unexpected} = error instanceof RequestValidationError
            ? {apiError: toValidationError(error), unexpected: false}
            : toApiError(error);
        if (unexpected) request.log.error({err: error}, "unexpected error");
        if (apiError.retryAfter != null) reply.header("retry-after", String(apiError.retryAfter));
        return reply.status(apiError.status).type("application/json").send(apiError.toBodyFor(requestProtocol(request)));
    });

    app.setNotFoundHandler((request, reply) => {
        const path = request.url.split("?")[0]!;
        // Under /v1 the route itself is wrong; elsewhere the client most likely left out the /v1 prefix.
        const hint = path === "/v1" || path.startsWith("/v1/") ? "See /openapi.json for the routes this server has." : "The API lives under /v1; see /openapi.json.";
        const error = new ApiError("not_found", `Unknown route: ${request.method} ${path}. ${hint}`);
        return reply.status(error.status).send(error.toBodyFor(requestProtocol(request)));
    });

    const openApiJson = JSON.stringify(options.openApiDocument);
    app.get("/openapi.json", async (_request, reply) => reply.type("application/json").send(openApiJson));
    const docsHtml = options.docsHtml;
    if (docsHtml != null)
        app.get("/docs", async (_request, reply) => reply
            .type("text/html; charset=utf-8")
            .header("content-security-policy", docsContentSecurityPolicy)
            .header("x-content-type-options", "nosniff")
            .header("referrer-policy", "no-referrer")
            .send(docsHtml));

    // Before connections are closed, running streams get a `server_stopping` error event rather than a cut socket.
    const lifetime = new ServerLifetime();
    app.addHook("preClose", async () => {
        await lifetime.stop();
    });

    await app.register(initServer().plugin(createApiRouter(options.engine, lifetime, {
        storage: options.responses ?? null,
        pingIntervalMs: options.pingIntervalMs ?? 5000
    })), {
        logInitialization: false,
        jsonQuery: false,
        responseValidation: options.responseValidation ?? false,
        // Validation errors are rethrown to the root handler, which renders them in OpenAI's 400 shape.
        requestValidationErrorHandler: (error) => {
            throw error;
        }
    });
    return app;
}
