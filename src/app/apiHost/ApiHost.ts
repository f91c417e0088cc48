import path from "node:path";
import type {FastifyBaseLogger, FastifyInstance} from "fastify";
import {withLock} from "lifecycle-utils";
import type {EngineModelInfo} from "../../engine/EngineModelInfo.js";
import {EngineError} from "../../engine/EngineError.js";
import type {CreateServerOptions} from "../../server/createServer.js";
import type {AppEngine, LoadEngine} from "../AppCoreDeps.js";
import {AppCoreError} from "../AppCoreError.js";
import type {ModelState} from "../AppState.js";
import {describeListenError} from "./describeListenError.js";
import {describeModelError} from "./describeModelError.js";
import {createApiServer, listenApiServer, type StartedApiServer} from "./startApiServer.js";

export type ApiHostOptions = {
    /** Whether the server may listen now (edition, switch, key), apart from having a model. Read at every reconcile. */
    mayServe(): boolean,

    /** The key the server checks, read on every request. */
    apiKey(): string,

    /** Browser origins that get CORS headers (exact, normalised), read on every request. */
    allowedOrigins(): readonly string[],

    /** The port to listen on; 0 = any free port. Read at every reconcile. */
    port(): number,

    /** Engine settings for the next load. */
    engineOptions(): {threads?: number, gpu?: "auto" | "cpu", sequences?: number, contextSize?: number, promptCacheBytes?: number},

    /** Called after every change of model, progress, server or problem. */
    onChange(): void,

    readonly loadEngine: LoadEngine,
    readonly openApiDocument: () => Promise<object>,

    /** The reference page for `/docs`; `undefined` serves none. */
    readonly docsHtml: () => Promise<string | undefined>,
    readonly createServer?: (options: CreateServerOptions) => Promise<FastifyInstance>,
    readonly responseValidation?: boolean,
    readonly logger?: FastifyBaseLogger,

    /** Where `/v1/responses` keeps stored answers. */
    readonly responses?: CreateServerOptions["responses"]
};

/**
 * The loaded engine and the Fastify server over it. The server listens only while `mayServe()` holds and a model is
 * loaded; `reconcile()` makes it so. Server starts/stops and engine swaps run one at a time, so a disable racing a
 * model load can't leave a server listening on a disposed engine.
 */
export class ApiHost {
    readonly #options: ApiHostOptions;
    #engine: AppEngine | null = null;
    #model: ModelState = {state: "none"};
    #server: StartedApiServer | null = null;

    /** An app built while a model loaded, for the next start to bind (an app never listened on is still fresh). */
    #prepared: Promise<FastifyInstance> | null = null;
    #problem: string | null = null;
    #loadToken = 0;
    #disposed = false;

    public constructor(options: ApiHostOptions) {
        this.#options = options;
    }

    public get model(): ModelState {
        return this.#model;
    }

    public get engine(): AppEngine | null {
        return this.#engine;
    }

    /** The port really bound, while listening; else `null`. */
    public get listeningPort(): number | null {
        return this.#server?.port ?? null;
    }

    /** Why the server could not start (port in use…), as "what happened and what to do"; blocks retries until cleared. */
    public get problem(): string | null {
        return this.#problem;
    }

    /** Forgets the server problem, so the next `reconcile()` tries again (after a port change, a re-enable…). */
    public clearProblem(): void {
        this.#problem = null;
    }

    /**
     * Frees the current model and loads `modelPath`, then reconciles. Rejects with `EngineError("model_load_failed")`
     * (also kept in `model` as `failed`), or `AppCoreError("load_superseded")` when a newer load/unload won.
     */
    public async load(modelPath: string): Promise<EngineModelInfo> {
        const name = path.basename(modelPath);
        const token = ++this.#loadToken;
        const superseded = () => new AppCoreError("load_superseded", `Loading ${name} was cancelled by a newer model change.`);
        this.#model = {state: "loading", path: modelPath, name, progress: 0};
        this.#options.onChange();
        await withLock([this, "lifecycle"], () => this.#dropEngine());
        if (token !== this.#loadToken) throw superseded();

        let engine: AppEngine;
        try {
            engine = await this.#options.loadEngine({
                modelPath,
                ...this.#options.engineOptions(),
                whileCreatingContext: () => this.#prepareServer(),
                onLoadProgress: (progress) => {
                    if (token !== this.#loadToken || this.#model.state !== "loading") return;
                    this.#model = {...this.#model, progress: Math.round(Math.min(1, Math.max(0, progress)) * 100) / 100};
                    this.#options.onChange();
                }
            });
        } catch (err) {
            if (token !== this.#loadToken) throw superseded();
            const message = describeModelError(err, modelPath);
            this.#model = {state: "failed", path: modelPath, name, message};
            this.#options.onChange();
            throw new EngineError("model_load_failed", message, {cause: err});
        }

        if (token !== this.#loadToken || this.#disposed) {
            await engine.dispose();
            throw superseded();
        }
        this.#engine = engine;
        this.#model = {state: "loaded", path: modelPath, name, id: engine.info.id};
        await this.reconcile();
        return engine.info;
    }

    /** Stops the server and frees the model; a load in progress is cancelled. */
    public async unload(): Promise<void> {
        this.#loadToken++;
        this.#model = {state: "none"};
        await withLock([this, "lifecycle"], () => this.#dropEngine());
        this.#options.onChange();
    }

    /** Starts the server when it should listen and doesn't, stops it when it shouldn't, moves it when the port changed. */
    public reconcile(): Promise<void> {
        return withLock([this, "lifecycle"], async () => {
            const wanted = !this.#disposed && this.#engine != null && this.#problem == null && this.#options.mayServe();
            const port = this.#options.port();
            if (this.#server != null && (!wanted || (port !== 0 && this.#server.port !== port)))
                await this.#stopServer();

            if (wanted && this.#server == null) {
                const building = this.#prepared ?? this.#buildServer();
                this.#prepared = null;
                try {
                    this.#server = await listenApiServer(await building, port);
                } catch (err) {
                    this.#problem = describeListenError(err, port);
                }
            }
        }).finally(() => this.#options.onChange());
    }

    /** Stops the server, then frees the model. Repeat-safe. */
    public async dispose(): Promise<void> {
        if (this.#disposed) return;
        this.#disposed = true;
        this.#loadToken++;
        await withLock([this, "lifecycle"], async () => {
            await this.#dropEngine();
            const prepared = this.#prepared;
            this.#prepared = null;
            await prepared?.then((app) => app.close(), () => undefined);
        });
    }

    /**
     * While llama.cpp creates a model's context on its own threads, builds the app the server will listen with, if it
     * will, so the build (importing Fastify and the routes, compiling their schemas: ≈ 150–250 ms) isn't added to the
     * start. It doesn't listen before the model is loaded. A build that fails is reported by `reconcile`, as a failed start is.
     */
    #prepareServer(): void {
        if (this.#prepared != null || this.#server != null || this.#disposed || this.#problem != null || !this.#options.mayServe()) return;
        this.#prepared = this.#buildServer();
        this.#prepared.catch(() => undefined);
    }

    async #buildServer(): Promise<FastifyInstance> {
        return createApiServer({
            engine: () => this.#engine,
            apiKey: () => this.#options.apiKey(),
            allowedOrigins: () => this.#options.allowedOrigins(),
            openApiDocument: await this.#options.openApiDocument(),
            docsHtml: await this.#options.docsHtml(),
            responseValidation: this.#options.responseValidation ?? false,
            logger: this.#options.logger,
            responses: this.#options.responses,
            createServer: this.#options.createServer
        });
    }

    /** Server first, then the engine (server → contexts → model → llama). Only under the `lifecycle` lock. */
    async #dropEngine(): Promise<void> {
        await this.#stopServer();
        const engine = this.#engine;
        this.#engine = null;
        await engine?.dispose();
    }

    async #stopServer(): Promise<void> {
        const server = this.#server;
        if (server == null) return;
        this.#server = null;
        // createServer sets forceCloseConnections: open sockets (streams too) are destroyed, so close() can't hang on them.
        await server.app.close();
    }
}
