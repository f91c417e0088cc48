import {randomBytes} from "node:crypto";
import path from "node:path";
import {checkModelFile} from "../engine/checkModelFile.js";
import type {EngineModelInfo} from "../engine/EngineModelInfo.js";
import {ApiHost} from "./apiHost/ApiHost.js";
import {defaultAppCoreDeps, type AppCoreDeps} from "./AppCoreDeps.js";
import {AppCoreError} from "./AppCoreError.js";
import type {AppCoreOptions} from "./AppCoreOptions.js";
import type {AppState} from "./AppState.js";
import type {ActiveLicense, EditionStatus, LicenseStatus} from "./license/LicenseStore.js";
import {allowedOriginRule} from "./rules/allowedOriginRule.js";
import {assertServerEdition} from "./rules/assertServerEdition.js";
import {checkRule} from "./rules/checkRule.js";
import {contextSizeRule} from "./rules/contextSizeRule.js";
import {deriveStatus} from "./rules/deriveStatus.js";
import {describeApiKey} from "./rules/describeApiKey.js";
import {gpuRule} from "./rules/gpuRule.js";
import {portRule} from "./rules/portRule.js";
import {promptCacheRule} from "./rules/promptCacheRule.js";
import {readEnvApiKey} from "./rules/readEnvApiKey.js";
import {threadsRule} from "./rules/threadsRule.js";
import {requestTestCompletion} from "./serverTest/requestTestCompletion.js";
import type {ServerTestResult} from "./serverTest/ServerTestResult.js";
import {whyTestCantRun} from "./serverTest/whyTestCantRun.js";
import type {SettingsPatch} from "./settings/SettingsStore.js";
import {openAppStores, type AppStores} from "./utils/openAppStores.js";
import {readApiKey} from "./utils/readApiKey.js";
import {readCoreConfig, type CoreConfig} from "./utils/readCoreConfig.js";
import {StateListeners} from "./utils/StateListeners.js";

/**
 * The headless core the tray and the CLI both drive: edition, switch, port, model, API key, the loaded engine and
 * the HTTP server, and the status line derived from them (SPEC §2). The server listens only while the edition is
 * Business, the switch is on and a model is loaded; everything else is a status, never a crash.
 *
 * `open()` reads the stored state and starts nothing; `start()` loads the stored model (Business + enabled only).
 * In the `"stored"` role (the CLI while no instance runs) it never loads a model nor listens: the same rules change
 * the same files, and the status is `Off` (or `Locked — …`).
 */
export class AppCore {
    public readonly dataDir: string;

    /** `"instance"`: the running instance; `"stored"`: the stored state, while none runs (see `AppCoreOptions.role`). */
    public readonly role: "instance" | "stored";
    readonly #stores: AppStores;
    readonly #options: AppCoreOptions;
    readonly #fetch: typeof fetch;
    readonly #host: ApiHost;
    readonly #listeners = new StateListeners<AppState>();
    readonly #envKey: string | null;

    /** Answered to the server's key check while a regeneration is in flight: no one holds it, so every request fails. */
    readonly #noKey = `unusable-${randomBytes(32).toString("hex")}`;
    #config: CoreConfig;
    #edition: EditionStatus;
    #key: string | null;
    #keyProblem: string | null;
    #regenerating = false;
    #started = false;
    #disposed = false;
    #openApiDocument: Promise<object> | null = null;
    #docsHtml: Promise<string | undefined> | null = null;

    private constructor(params: {
        stores: AppStores, deps: AppCoreDeps, options: AppCoreOptions, config: CoreConfig,
        edition: EditionStatus, envKey: string | null, key: string | null, keyProblem: string | null
    }) {
        this.dataDir = params.stores.dataDir;
        this.#stores = params.stores;
        this.#options = params.options;
        this.#fetch = params.deps.fetch ?? defaultAppCoreDeps.fetch;
        this.#config = params.config;
        this.#edition = params.edition;
        this.#envKey = params.envKey;
        this.#key = params.key;
        this.#keyProblem = params.keyProblem;
        this.role = params.options.role ?? "instance";

        const {deps, options} = params;
        this.#host = new ApiHost({
            mayServe: () => this.#edition.edition === "business" && this.#config.enabled && this.#key != null && this.#keyProblem == null,
            // Read on every request: a regenerated key applies to the very next one.
            apiKey: () => (this.#regenerating ? this.#noKey : this.#key ?? this.#noKey),
            port: () => this.#config.port,
            // Read on every request too: an origin allowed or removed applies to the very next one.
            allowedOrigins: () => this.#config.allowedOrigins,
            engineOptions: () => ({
                threads: this.#config.threads ?? undefined,
                gpu: this.#config.gpu,
                sequences: this.#config.sequences ?? undefined,
                contextSize: this.#config.contextSize ?? undefined,
                promptCacheBytes: this.#config.promptCacheMiB == null ? undefined : this.#config.promptCacheMiB * 1024 * 1024
            }),
            onChange: () => this.#emit(),
            loadEngine: deps.loadEngine ?? defaultAppCoreDeps.loadEngine,
            openApiDocument: () => this.#openApiDocument ??= deps.openApiDocument != null
                ? Promise.resolve(deps.openApiDocument)
                : defaultAppCoreDeps.readOpenApiDocument(),
            docsHtml: () => this.#docsHtml ??= defaultAppCoreDeps.readDocsHtml(),
            createServer: deps.createServer,
            responseValidation: options.responseValidation,
            logger: options.logger,
            // Each stored answer changes the count the Settings window shows
            responses: {
                put: (stored) => {
                    params.stores.responses.put(stored);
                    this.#emit();
                },
                get: (id) => params.stores.responses.get(id),
                delete: (id) => {
                    const deleted = params.stores.responses.delete(id);
                    this.#emit();
                    return deleted;
                }
            }
        });
    }

    /**
     * Reads settings, licence and API key; loads and starts nothing. Throws `AppCoreError("key_from_env")` for an
     * unusable `THOLOS_API_KEY`, `"invalid_port"` for a session port out of range and `"invalid_setting"` for another
     * session value out of range.
     */
    public static async open(options: AppCoreOptions = {}, deps: AppCoreDeps = {}): Promise<AppCore> {
        const env = options.env ?? process.env;
        const envKey = readEnvApiKey(env);
        const session = options.session ?? {};
        if (session.port != null) checkRule(portRule, session.port, "invalid_port");
        if (session.threads != null) checkRule(threadsRule, session.threads, "invalid_setting");
        if (session.contextSize != null) checkRule(contextSizeRule, session.contextSize, "invalid_setting");
        if (session.promptCacheMiB != null) checkRule(promptCacheRule, session.promptCacheMiB, "invalid_setting");

        const {dataDir, useKeychain, onWarning} = options;
        const stores = await openAppStores({env, envKey, dataDir, useKeychain, onWarning}, deps);
        const config = readCoreConfig(session, stores.settings.settings);

        return new AppCore({
            stores,
            deps,
            options,
            config,
            edition: await stores.licenseStore.edition(),
            envKey,
            ...await readApiKey(envKey, stores.keyStore)
        });
    }

    /** Everything the settings page shows, right now. */
    public get state(): AppState {
        const listeningPort = this.#host.listeningPort;
        const status = deriveStatus({
            instance: this.#disposed || this.role === "stored" ? "none" : "running",
            edition: this.#edition.edition,
            enabled: this.#config.enabled,
            model: this.#host.model,
            serverProblem: this.#keyProblem ?? this.#host.problem,
            listeningPort
        });
        return {
            status: status.text,
            statusKind: status.kind,
            edition: this.#edition.edition,
            editionReason: this.#edition.reason,
            enabled: this.#config.enabled,
            port: this.#config.port,
            listeningPort,
            baseUrl: listeningPort == null ? null : `http://127.0.0.1:${listeningPort}/v1`,
            threads: this.#config.threads,
            gpu: this.#config.gpu,
            contextSize: this.#config.contextSize,
            model: this.#host.model,
            modelPath: this.#config.modelPath,
            apiKey: describeApiKey({envKey: this.#envKey, keyStore: this.#stores.keyStore, key: this.#key}),
            allowedOrigins: this.#config.allowedOrigins,
            settingsProblem: this.#stores.settings.problem?.message ?? null,
            storedResponses: this.#disposed ? 0 : this.#stores.responses.count(),
            pid: this.role === "stored" ? null : process.pid
        };
    }

    /** Calls `listener` with the new state after every change; returns the unsubscribe function. A throwing listener is ignored. */
    public onStateChange(listener: (state: AppState) => void): () => void {
        return this.#listeners.add(listener);
    }

    /**
     * Loads the stored (or session) model when the edition is Business and the switch is on; a bad file becomes the
     * status. Repeat-safe; does nothing in the `"stored"` role.
     */
    public async start(): Promise<void> {
        this.#assertOpen();
        if (this.#started || this.role === "stored") return;
        this.#started = true;
        await this.#restore();
    }

    /** Switches the server on (saved). Throws `AppCoreError("edition_locked")` on any edition but Business; the status then stays `Locked — …`. */
    public async enable(): Promise<void> {
        this.#assertOpen();
        assertServerEdition(this.#edition);
        await this.#persist({enabled: true});
        this.#config.enabled = true;
        this.#host.clearProblem();
        await this.#restore();
    }

    /** Switches the server off (saved): it stops listening and open connections are closed. The model stays loaded. */
    public async disable(): Promise<void> {
        this.#assertOpen();
        await this.#persist({enabled: false});
        this.#config.enabled = false;
        this.#host.clearProblem();
        await this.#host.reconcile();
    }

    /** Sets the port (saved when 1–65535; 0 = any free port, this run only) and restarts the server on it. */
    public async setPort(port: number): Promise<void> {
        this.#assertOpen();
        checkRule(portRule, port, "invalid_port");
        if (port !== 0) await this.#persist({port});
        this.#config.port = port;
        this.#host.clearProblem();
        await this.#host.reconcile();
    }

    /** CPU threads for the next model load (saved); `null` lets the engine choose. See `threadsRule`. */
    public async setThreads(threads: number | null): Promise<void> {
        this.#assertOpen();
        checkRule(threadsRule, threads, "invalid_setting");
        await this.#persist({threads: threads ?? undefined});
        this.#config.threads = threads;
        this.#emit();
    }

    /** GPU use for the next model load (saved). */
    public async setGpu(gpu: "auto" | "cpu"): Promise<void> {
        this.#assertOpen();
        checkRule(gpuRule, gpu, "invalid_setting");
        await this.#persist({gpu});
        this.#config.gpu = gpu;
        this.#emit();
    }

    /** Tokens per sequence for the next model load (saved); `null` is the engine's default. See `contextSizeRule`. */
    public async setContextSize(contextSize: number | null): Promise<void> {
        this.#assertOpen();
        checkRule(contextSizeRule, contextSize, "invalid_setting");
        await this.#persist({contextSize: contextSize ?? undefined});
        this.#config.contextSize = contextSize;
        this.#emit();
    }

    /**
     * The browser origins that get CORS headers (saved), from the next request on: each is checked and normalised by
     * `allowedOriginRule` (else `AppCoreError("invalid_setting")`); repeats are dropped. `[]`: no CORS headers at all.
     */
    public async setAllowedOrigins(origins: readonly string[]): Promise<void> {
        this.#assertOpen();
        const allowed = [...new Set(origins.map((origin) => checkRule(allowedOriginRule, origin, "invalid_setting")))];
        await this.#persist({allowedOrigins: allowed.length === 0 ? undefined : allowed});
        this.#config.allowedOrigins = allowed;
        this.#emit();
    }

    /**
     * Replaces the loaded model with `modelPath` (saved as the model to load at start), and serves it when enabled.
     * Progress is in `state.model`. A missing / non-GGUF / truncated file rejects with `EngineError("model_load_failed")`
     * naming the file and the reason, which is also the status; the core keeps running without a model.
     */
    public async loadModel(modelPath: string): Promise<EngineModelInfo> {
        this.#assertOpen();
        if (this.role === "stored")
            throw new AppCoreError("no_instance", "No Tholos instance is running to load the model into; `tholos serve` (or the tray app) starts one.");
        const resolved = path.resolve(modelPath);
        const info = await this.#host.load(resolved);
        this.#config.modelPath = resolved;
        await this.#persist({modelPath: resolved});
        return info;
    }

    /**
     * Saves `modelPath` as the model to load at the next start, after checking it is a GGUF file (else
     * `EngineError("model_load_failed")`); what `tholos load` does while no instance runs.
     */
    public async saveModelPath(modelPath: string): Promise<void> {
        this.#assertOpen();
        const resolved = path.resolve(modelPath);
        await checkModelFile(resolved);
        await this.#persist({modelPath: resolved});
        this.#config.modelPath = resolved;
        this.#emit();
    }

    /** How many `/v1/responses` answers are stored (also in `state.storedResponses`). */
    public countStoredResponses(): number {
        this.#assertOpen();
        return this.#stores.responses.count();
    }

    /** Deletes every stored response (they can't be continued any more); returns how many there were. */
    public clearStoredResponses(): number {
        this.#assertOpen();
        const cleared = this.#stores.responses.clear();
        this.#emit();
        return cleared;
    }

    /** Stops serving, frees the model and forgets it (saved). */
    public async unloadModel(): Promise<void> {
        this.#assertOpen();
        this.#config.modelPath = null;
        await this.#host.unload();
        await this.#persist({modelPath: undefined});
    }

    /** The full API key (the tray puts it on the clipboard). Throws `AppCoreError("key_unavailable")` when it could not be read. */
    public copyKey(): string {
        this.#assertOpen();
        if (this.#key == null)
            throw new AppCoreError("key_unavailable", this.#keyProblem ?? "The API key is not available.");
        return this.#key;
    }

    /**
     * Stores a new key and returns it. The old key is refused from the moment this is called — requests arriving
     * while the store is written fail too, so none can slip through with the old key. Throws
     * `AppCoreError("key_from_env")` when `THOLOS_API_KEY` sets the key.
     */
    public async regenerateKey(): Promise<string> {
        this.#assertOpen();
        if (this.#envKey != null)
            throw new AppCoreError("key_from_env",
                "The API key comes from the THOLOS_API_KEY environment variable, so it can't be regenerated here. Change THOLOS_API_KEY and restart, or unset it to use the stored key.");
        const keyStore = this.#stores.keyStore;
        if (keyStore == null)
            throw new AppCoreError("key_unavailable", "No key store is open.");

        this.#regenerating = true;
        try {
            this.#key = await keyStore.regenerate();
            this.#keyProblem = null;
        } finally {
            this.#regenerating = false;
        }
        await this.#host.reconcile();
        return this.#key;
    }

    /** Test: a real HTTP round trip with the current key; `answered in N ms (model X)` or exactly why not. Never throws. */
    public async test(options: {timeoutMs?: number} = {}): Promise<ServerTestResult> {
        const unavailable = whyTestCantRun({
            instance: this.#disposed ? "stopping" : this.role === "stored" ? "none" : "running",
            edition: this.#edition,
            enabled: this.#config.enabled,
            model: this.#host.model,
            hasEngine: this.#host.engine != null,
            keyProblem: this.#keyProblem,
            serverProblem: this.#host.problem
        });
        if (unavailable != null) return unavailable;
        const port = this.#host.listeningPort;
        if (port == null || this.#key == null)
            return {ok: false, reason: "failed", message: "Failed: the server is still starting; try again in a moment."};

        return requestTestCompletion({
            port,
            apiKey: this.#key,
            timeoutMs: options.timeoutMs ?? this.#options.testTimeoutMs ?? 10_000,
            fetch: this.#fetch
        });
    }

    /** The installed licence and whether it verifies. */
    public async licenseStatus(): Promise<LicenseStatus> {
        return this.#stores.licenseStore.show();
    }

    /** Verifies and installs the licence file, then applies its edition (a Business licence lets the server start). */
    public async activateLicense(filePath: string): Promise<ActiveLicense> {
        this.#assertOpen();
        const active = await this.#stores.licenseStore.activate(path.resolve(filePath));
        await this.refreshEdition();
        return active;
    }

    /** Issues and installs a development Business licence (source checkouts only) and applies it. */
    public async issueDevLicense(): Promise<ActiveLicense> {
        this.#assertOpen();
        const active = await this.#stores.licenseStore.issueDevLicense();
        await this.refreshEdition();
        return active;
    }

    /** Re-reads the licence; the server starts or stops to match the edition. */
    public async refreshEdition(): Promise<void> {
        this.#assertOpen();
        this.#edition = await this.#stores.licenseStore.edition();
        await this.#restore();
    }

    /** Stops the server, frees the model, reports `Off` and drops listeners. Repeat-safe. */
    public async dispose(): Promise<void> {
        if (this.#disposed) return;
        this.#disposed = true;
        await this.#host.dispose();
        this.#stores.responses.close();
        this.#emit();
        this.#listeners.clear();
    }

    public async [Symbol.asyncDispose](): Promise<void> {
        await this.dispose();
    }

    /** Loads the configured model when it should be served and none is (being) loaded; else only reconciles the server. */
    async #restore(): Promise<void> {
        const modelPath = this.#config.modelPath;
        const wanted = this.#started && this.#edition.edition === "business" && this.#config.enabled && modelPath != null;
        if (wanted && this.#host.model.state === "none") {
            // A bad file is the status (and the error of an explicit loadModel()); restoring keeps going without it.
            await this.#host.load(modelPath).catch(() => undefined);
            return;
        }
        await this.#host.reconcile();
    }

    async #persist(patch: SettingsPatch): Promise<void> {
        await this.#stores.settings.update(patch);
    }

    #emit(): void {
        this.#listeners.emit(this.state);
    }

    #assertOpen(): void {
        if (this.#disposed) throw new AppCoreError("core_disposed", "Tholos is shutting down.");
    }
}
