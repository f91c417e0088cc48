import {TholosError} from "../../TholosError.js";

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
export class KeyStoreError extends TholosError<KeyStoreErrorCode> {
    public constructor(code: KeyStoreErrorCode, message: string, options?: {cause?: unknown}) {
        super(code, message, options);
    }
}
