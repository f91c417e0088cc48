import {TholosError} from "../../TholosError.js";

export type SettingsErrorCode =
    /** A value given to `update()` does not fit the schema. */
    | "settings_invalid"
    /** `settings.json` exists but could not be read (e.g. permissions). */
    | "settings_read_failed"
    /** Writing `settings.json` (or moving a corrupt one aside) failed. */
    | "settings_write_failed";

/** A settings operation failed. Knows nothing of HTTP; `code` is stable. */
export class SettingsError extends TholosError<SettingsErrorCode> {
    public constructor(code: SettingsErrorCode, message: string, options?: {cause?: unknown}) {
        super(code, message, options);
    }
}
