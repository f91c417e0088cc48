import {readFile} from "node:fs/promises";
import path from "node:path";
import type {FastifyInstance} from "fastify";
import type {LlamaEngine, LlamaEngineOptions} from "../engine/LlamaEngine.js";
import {packageRoot} from "../packageRoot.js";
import type {CreateServerOptions} from "../server/createServer.js";
import type {ServerEngine} from "../server/ServerEngine.js";
import type {KeyStore} from "./key/KeyStore.js";
import type {LicenseStore} from "./license/LicenseStore.js";
import type {SettingsStore} from "./settings/SettingsStore.js";

/** What the core needs of a loaded model: what the server uses, plus `dispose()`. */
export type AppEngine = ServerEngine & Pick<LlamaEngine, "dispose">;

export type LoadEngine = (options: LlamaEngineOptions) => Promise<AppEngine>;

/** Everything `AppCore` talks to, each with a real default, so tests can swap one. */
export type AppCoreDeps = {
    /** Default: a `SettingsStore` in the data dir. */
    readonly settings?: SettingsStore,

    /** Default: `KeyStore.open()` in the data dir (not opened at all when `THOLOS_API_KEY` is set). */
    readonly keyStore?: KeyStore,

    /** Default: a `LicenseStore` in the data dir. */
    readonly licenseStore?: LicenseStore,

    /** Default: `LlamaEngine.load`. */
    readonly loadEngine?: LoadEngine,

    /** Default: `createServer` from `src/server/`. */
    readonly createServer?: (options: CreateServerOptions) => Promise<FastifyInstance>,

    /** The document served at `/openapi.json`. Default: the package's `openapi.json`, read at the first server start. */
    readonly openApiDocument?: object,

    /** Used by Test. Default: the global `fetch`. */
    readonly fetch?: typeof fetch
};

/** The real implementations behind `AppCoreDeps`. */
export const defaultAppCoreDeps = Object.freeze({
    // Imported on first load, so the CLI commands that never load a model don't pay for node-llama-cpp.
    loadEngine: (async (options) => (await import("../engine/LlamaEngine.js")).LlamaEngine.load(options)) as LoadEngine,
    fetch: ((input, init) => fetch(input, init)) as typeof fetch,
    readOpenApiDocument: async (): Promise<object> =>
        JSON.parse(await readFile(path.join(packageRoot(), "openapi.json"), "utf8")) as object,

    /** The generated reference page served at `/docs`; `undefined` (a 404) if the package lacks it. */
    readDocsHtml: async (): Promise<string | undefined> =>
        await readFile(path.join(packageRoot(), "docs", "reference.html"), "utf8").catch(() => undefined)
});
