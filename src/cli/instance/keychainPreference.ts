import {UserInputError} from "../UserInputError.js";

/**
 * `THOLOS_KEYCHAIN=never` keeps the API key in the 0600 file even where an OS keychain answers (headless servers,
 * and tests that must not touch the user's real keychain entry); unset or `auto` uses the keychain when it answers.
 */
export function keychainPreference(env: NodeJS.ProcessEnv): "auto" | "never" {
    const value = env.THOLOS_KEYCHAIN;
    if (value == null || value === "" || value === "auto") return "auto";
    if (value === "never") return "never";
    throw new UserInputError(`THOLOS_KEYCHAIN must be "auto" or "never" (got "${value}").`);
}
