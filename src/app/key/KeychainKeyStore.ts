import {randomBytes} from "node:crypto";
import {errorMessage} from "../utils/errorMessage.js";
import {KeyStoreError} from "./KeyStoreError.js";
import {withTimeout} from "./utils/withTimeout.js";

/**
 * The part of keytar we use. `findCredentials` is deliberately absent: on a
 * locked Linux keyring it crashes Node with a segfault, so it must never be
 * called.
 */
export type KeytarLike = {
    getPassword(service: string, account: string): Promise<string | null>,
    setPassword(service: string, account: string, password: string): Promise<void>,
    deletePassword(service: string, account: string): Promise<boolean>
};

export type KeychainKeyStoreOptions = {
    /**
     * Limit for every single keychain call, in milliseconds. Default: `3000`.
     * Without it a hung Secret Service daemon blocks libsecret for ~50 s.
     */
    readonly timeoutMs?: number
};

export type KeychainKeyStoreDeps = {
    /**
     * Loads keytar. Default: a dynamic `import("keytar")` — keytar is an
     * optional dependency, so a missing or broken native build only makes the
     * keychain unavailable.
     */
    readonly loadKeytar?: () => Promise<KeytarLike>
};

export type KeychainProbeResult =
    | {readonly available: true}
    | {readonly available: false, readonly reason: string};

/**
 * The API key in the OS keychain (macOS Keychain, Windows Credential Manager,
 * Secret Service on Linux) through keytar, stored as:
 *
 * - service: `Tholos AI Local API Server`
 * - account: `api-key`
 *
 * so on Linux `secret-tool lookup service 'Tholos AI Local API Server' account api-key`
 * shows it. Every call is bounded by `timeoutMs`.
 */
export class KeychainKeyStore {
    public static readonly service = "Tholos AI Local API Server";
    public static readonly account = "api-key";

    /** Scratch entry written and read back by `probe()`, then deleted. */
    public static readonly probeAccount = "availability-probe";

    public readonly description = `OS keychain (${KeychainKeyStore.service} / ${KeychainKeyStore.account})`;
    readonly #timeoutMs: number;
    readonly #loadKeytar: () => Promise<KeytarLike>;
    #keytar: Promise<KeytarLike> | undefined = undefined;

    public constructor(
        {timeoutMs = 3000}: KeychainKeyStoreOptions = {},
        {loadKeytar = importKeytar}: KeychainKeyStoreDeps = {}
    ) {
        this.#timeoutMs = timeoutMs;
        this.#loadKeytar = loadKeytar;
    }

    /**
     * Whether a keychain really stores and returns secrets. A plain
     * `getPassword` is no proof — with no unlocked keyring libsecret answers
     * `null` as if the entry were merely missing — so this writes a random
     * value to a probe entry, reads it back and deletes it.
     */
    public async probe(): Promise<KeychainProbeResult> {
        const value = `probe-${randomBytes(16).toString("hex")}`;
        try {
            await this.#call("store a probe value", (k) => k.setPassword(KeychainKeyStore.service, KeychainKeyStore.probeAccount, value));
            const readBack = await this.#call("read the probe value", (k) => k.getPassword(KeychainKeyStore.service, KeychainKeyStore.probeAccount));
            await this.#call("delete the probe value", (k) => k.deletePassword(KeychainKeyStore.service, KeychainKeyStore.probeAccount))
                .catch(() => undefined); // a leftover probe entry is harmless

            if (readBack !== value)
                return {available: false, reason: "the keychain accepted a value but did not return it (locked or no keyring)"};

            return {available: true};
        } catch (err) {
            return {available: false, reason: errorMessage(err)};
        }
    }

    /** The stored key, or `null` when there is none. */
    public async read(): Promise<string | null> {
        return this.#call("read the API key", (k) => k.getPassword(KeychainKeyStore.service, KeychainKeyStore.account));
    }

    /** Stores `key`, replacing any previous one. */
    public async write(key: string): Promise<void> {
        await this.#call("store the API key", (k) => k.setPassword(KeychainKeyStore.service, KeychainKeyStore.account, key), key);
    }

    /** Removes the stored key; `false` when there was none. */
    public async delete(): Promise<boolean> {
        return this.#call("delete the API key", (k) => k.deletePassword(KeychainKeyStore.service, KeychainKeyStore.account));
    }

    async #call<T>(what: string, operation: (keytar: KeytarLike) => Promise<T>, secret?: string): Promise<T> {
        const onTimeout = () => new KeyStoreError(
            "key_keychain_timeout",
            `The OS keychain did not answer within ${this.#timeoutMs} ms (trying to ${what})`
        );

        let keytar: KeytarLike;
        try {
            keytar = await withTimeout(this.#keytarModule(), {timeoutMs: this.#timeoutMs, onTimeout});
        } catch (err) {
            if (err instanceof KeyStoreError)
                throw err;

            throw new KeyStoreError("key_keychain_unavailable", `keytar is not available: ${errorMessage(err)}`, {cause: err});
        }

        try {
            // Promise.resolve().then(): a synchronous throw from the native
            // binding becomes a rejection like any other failure.
            return await withTimeout(Promise.resolve().then(() => operation(keytar)), {timeoutMs: this.#timeoutMs, onTimeout});
        } catch (err) {
            if (err instanceof KeyStoreError)
                throw err;

            // Never let the key reach a message, whatever the native layer put in its error.
            const message = redact(errorMessage(err), secret);
            // The original error rides along as `cause` only when no key was involved.
            throw new KeyStoreError("key_keychain_unavailable", `The OS keychain failed to ${what}: ${message}`, secret == null ? {cause: err} : {});
        }
    }

    #keytarModule(): Promise<KeytarLike> {
        this.#keytar ??= this.#loadKeytar();
        return this.#keytar;
    }
}

async function importKeytar(): Promise<KeytarLike> {
    // A variable specifier keeps TypeScript from requiring keytar's types at
    // build time: it is an optional dependency and may not be installed.
    const specifier = "keytar";
    const mod = (await import(specifier)) as {default?: KeytarLike} & Partial<KeytarLike>;

    // keytar is CommonJS: its exports arrive as `default` under ESM.
    const keytar = mod.default ?? (mod as KeytarLike);
    if (typeof keytar.getPassword !== "function" || typeof keytar.setPassword !== "function" || typeof keytar.deletePassword !== "function")
        throw new Error("the keytar module does not export getPassword/setPassword/deletePassword");

    return keytar;
}

function redact(message: string, secret: string | undefined): string {
    return secret == null || secret === "" ? message : message.split(secret).join("[redacted]");
}
