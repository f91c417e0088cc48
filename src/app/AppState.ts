/** Which of SPEC §2's status lines applies. */
export type AppStatusKind = "off" | "enabled" | "running" | "error" | "locked";

/** Where the API key the server checks comes from. */
export type ApiKeySource = "keychain" | "file" | "env";

export type ModelState =
    | {readonly state: "none"}
    | {readonly state: "loading", readonly path: string, readonly name: string, /** 0–1 */ readonly progress: number}
    | {readonly state: "loaded", readonly path: string, readonly name: string, /** The id the API reports. */ readonly id: string}
    | {readonly state: "failed", readonly path: string, readonly name: string, readonly message: string};

/** A snapshot of everything the Settings → Local API Server page shows. Never contains the full API key. */
export type AppState = {
    /** The status line, exactly as SPEC §2 words it, e.g. `Running — http://127.0.0.1:8756`. */
    readonly status: string,
    readonly statusKind: AppStatusKind,

    readonly edition: "business" | "personal",

    /** Why this edition, e.g. `Business licence for Acme Ltd.` or why the licence was rejected. */
    readonly editionReason: string,

    /** The switch as the user set it; it only takes effect on the Business edition. */
    readonly enabled: boolean,

    /** The chosen port; `0` means "any free port" (tests). */
    readonly port: number,

    /** The port really listened on, while running; else `null`. */
    readonly listeningPort: number | null,

    /** `http://127.0.0.1:<port>/v1` while running; else `null`. */
    readonly baseUrl: string | null,

    /** CPU threads for the next model load; `null` = chosen by the engine. */
    readonly threads: number | null,
    readonly gpu: "auto" | "cpu",

    /** Tokens per sequence for the next model load; `null` = the engine's default. */
    readonly contextSize: number | null,

    readonly model: ModelState,

    /** The model loaded at start (saved, or this run's `--model`); `null` for none. */
    readonly modelPath: string | null,

    readonly apiKey: {
        readonly source: ApiKeySource,

        /** e.g. `OS keychain (Tholos AI Local API Server / api-key)`, `file /…/api-key (0600) — …`, `THOLOS_API_KEY environment variable`. */
        readonly location: string,

        /** The key with all but its prefix and last 4 characters hidden; `null` when it could not be read. */
        readonly masked: string | null
    },

    /** Browser origins that get CORS headers (exact, normalised); empty: no CORS headers for any. */
    readonly allowedOrigins: readonly string[],

    /** A corrupt settings file that was moved aside at start, in one sentence; else `null`. */
    readonly settingsProblem: string | null,

    /** `/v1/responses` answers stored for `previous_response_id` (the data dir's `responses.sqlite`). */
    readonly storedResponses: number,

    /** Process id of the instance holding this state; `null` for the stored state (no instance runs). */
    readonly pid: number | null
};
