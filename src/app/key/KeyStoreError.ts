export type KeyStoreErrorCode =
    /** keytar is missing/failed to load, or the keychain refused the operation. */
    | "key_keychain_unavailable"
    /** A keychain call did not answer within the timeout (hung or absent daemon). */
    | "key_keychain_timeout"
    /** The `api-key` file could not be read or written. */
    | "key_file_failed";

/**
 * Storing or reading the API key failed. Messages never contain the key
 * itself; `code` is stable and knows nothing of HTTP.
 */
export class KeyStoreError extends Error {
    public readonly code: KeyStoreErrorCode;

    public constructor(code: KeyStoreErrorCode, message: string, options?: {cause?: unknown}) {
        super(message, options);
        this.name = "KeyStoreError";
        this.code = code;
    }
}
