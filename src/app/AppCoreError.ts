import {TholosError} from "../TholosError.js";

export type AppCoreErrorCode =
    /** Enabling the Local API Server needs the Business edition. */
    | "edition_locked"
    /** The API key comes from `THOLOS_API_KEY`, so it can't be regenerated (or the variable is unusable). */
    | "key_from_env"
    /** The API key could not be read from its store. */
    | "key_unavailable"
    /** A port outside 0–65535, or 0 where it must be stored. */
    | "invalid_port"
    /** A thread count below 1, or another engine setting out of range. */
    | "invalid_setting"
    /** A newer `loadModel()`/`unloadModel()` replaced this load before it finished. */
    | "load_superseded"
    /** The `"stored"` role (no instance runs) was asked for what only a running instance does (loading a model). */
    | "no_instance"
    /** The core was disposed (the app is quitting). */
    | "core_disposed";

/** A request to the app core that can't be done; `code` is stable and knows nothing of HTTP. */
export class AppCoreError extends TholosError<AppCoreErrorCode> {
    public constructor(code: AppCoreErrorCode, message: string, options?: {cause?: unknown}) {
        super(code, message, options);
    }
}
