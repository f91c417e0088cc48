import type {FastifyBaseLogger} from "fastify";

/** Values for this run only, never written to `settings.json` (what `tholos serve` flags set). */
export type AppSessionOverrides = {
    /** Switch the server on for this run. The edition still decides: on Personal this changes nothing. */
    readonly enabled?: boolean,

    /** 0–65535; 0 picks a free port (tests). */
    readonly port?: number,
    readonly threads?: number,
    readonly gpu?: "auto" | "cpu",
    readonly sequences?: number,

    /** Tokens per sequence; see `contextSizeRule`. */
    readonly contextSize?: number,

    /** MiB of RAM for the engine's prompt cache, 0 = off; see `promptCacheRule`. */
    readonly promptCacheMiB?: number,

    /** A GGUF file to load by `start()` instead of the stored one. */
    readonly modelPath?: string
};

export type AppCoreOptions = {
    /** Where settings, key file, licence and control socket live. Default: `resolveDataDir(env)`. */
    readonly dataDir?: string,

    /** Read for `THOLOS_API_KEY` (and `THOLOS_HOME` for the default data dir). Default: `process.env`. */
    readonly env?: NodeJS.ProcessEnv,

    /** `"auto"` (default) keeps the key in the OS keychain when one answers; `"never"` always uses the 0600 file. */
    readonly useKeychain?: "auto" | "never",

    /**
     * `"instance"` (default): the running instance, which loads models and serves. `"stored"`: the stored state, acted
     * on while no instance runs (the CLI) — the same rules and files, but it never loads a model nor listens.
     */
    readonly role?: "instance" | "stored",

    /** Overrides for this run; see `AppSessionOverrides`. Default: none. */
    readonly session?: AppSessionOverrides,

    /** How long Test waits for an answer, in ms. Default: 10 000. */
    readonly testTimeoutMs?: number,

    /** Validate every API response against the contract (tests). Default: `false`. */
    readonly responseValidation?: boolean,

    /** Fastify's logger for request lines and unexpected errors. Default: no logging. */
    readonly logger?: FastifyBaseLogger,

    /** Told about key-store repairs (never with the key). Default: ignored. */
    readonly onWarning?: (message: string) => void
};
