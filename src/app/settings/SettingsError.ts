export type SettingsErrorCode =
    /** A value given to `update()` does not fit the schema. */
    | "settings_invalid"
    /** `settings.json` exists but could not be read (e.g. permissions). */
    | "settings_read_failed"
    /** Writing `settings.json` (or moving a corrupt one aside) failed. */
    | "settings_write_failed";

/** A settings operation failed. Knows nothing of HTTP; `code` is stable. */
export class SettingsError extends Error {
    public readonly code: SettingsErrorCode;

    public constructor(code: SettingsErrorCode, message: string, options?: {cause?: unknown}) {
        super(message, options);
        this.name = "SettingsError";
        this.code = code;
    }
}
