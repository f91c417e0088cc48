import type {KeyStore} from "../key/KeyStore.js";
import {errorMessage} from "./errorMessage.js";

/**
 * The key the server checks: `THOLOS_API_KEY` when set, else the stored one (created on first use). A key store that
 * can't be read is a problem to show ("what happened and what to do"), not a crash: the core runs without a key.
 */
export async function readApiKey(envKey: string | null, keyStore: KeyStore | null): Promise<{key: string | null, keyProblem: string | null}> {
    if (envKey != null || keyStore == null) return {key: envKey, keyProblem: null};
    try {
        return {key: await keyStore.get(), keyProblem: null};
    } catch (err) {
        return {key: null, keyProblem: `the API key could not be read from the ${keyStore.location}: ${errorMessage(err)}. Fix the key store, then restart Tholos.`};
    }
}
