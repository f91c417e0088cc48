import type {AppState} from "../AppState.js";
import type {KeyStore} from "../key/KeyStore.js";
import {maskApiKey} from "./maskApiKey.js";

export type DescribeApiKeyInputs = {
    /** `THOLOS_API_KEY`, which overrides the stored key; else `null`. */
    readonly envKey: string | null,

    /** `null` when `THOLOS_API_KEY` is set (no store is opened then). */
    readonly keyStore: Pick<KeyStore, "kind" | "location"> | null,

    /** The key in use; `null` when it could not be read. */
    readonly key: string | null
};

/** Where the API key comes from and how it is shown (masked, never whole). */
export function describeApiKey({envKey, keyStore, key}: DescribeApiKeyInputs): AppState["apiKey"] {
    const fromEnv = envKey != null || keyStore == null;
    return {
        source: fromEnv ? "env" : keyStore.kind,
        location: fromEnv ? "THOLOS_API_KEY environment variable" : keyStore.location,
        masked: key == null ? null : maskApiKey(key)
    };
}
