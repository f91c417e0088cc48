import {AppCoreError} from "../AppCoreError.js";

/** Shortest `THOLOS_API_KEY` accepted: shorter ones are guessable. */
export const minEnvApiKeyLength = 8;

/**
 * `THOLOS_API_KEY` when set and non-empty (it overrides the stored key, for scripts), else `null`.
 * Throws `AppCoreError("key_from_env")` for a key too short, or with whitespace (it could never match a Bearer token).
 */
export function readEnvApiKey(env: NodeJS.ProcessEnv): string | null {
    const key = env.THOLOS_API_KEY;
    if (key == null || key === "")
        return null;

    if (key.length < minEnvApiKeyLength)
        throw new AppCoreError("key_from_env", `THOLOS_API_KEY is set but shorter than ${minEnvApiKeyLength} characters; use a longer key or unset it.`);

    if (/\s/.test(key))
        throw new AppCoreError("key_from_env", "THOLOS_API_KEY contains whitespace, which can't be sent in an Authorization header; remove it.");

    return key;
}
