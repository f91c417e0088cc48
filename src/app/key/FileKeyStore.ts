import fs from "node:fs/promises";
import path from "node:path";
import {errorMessage} from "../utils/errorMessage.js";
import {isErrnoCode} from "../utils/isErrnoCode.js";
import {writeFileAtomic} from "../utils/writeFileAtomic.js";
import {KeyStoreError} from "./KeyStoreError.js";

export type FileKeyStoreOptions = {
    /** Directory holding the `api-key` file (see `resolveDataDir()`); created 0700 on first write. */
    readonly dataDir: string,

    /**
     * Told (in words, never containing the key) when the file had to be
     * repaired, e.g. its mode let other users read it. Default: ignored.
     * A throwing callback is ignored.
     */
    readonly onWarning?: (message: string) => void
};

export type FileKeyStoreDeps = {
    /** Decides whether POSIX modes mean anything. Default: `process.platform`. */
    readonly platform?: NodeJS.Platform
};

/**
 * The API key in `<dataDir>/api-key`, readable by the owner alone (0600) —
 * the fallback for machines where no keychain service answers.
 */
export class FileKeyStore {
    public static readonly fileName = "api-key";

    public readonly filePath: string;
    public readonly description: string;
    readonly #onWarning: (message: string) => void;
    readonly #platform: NodeJS.Platform;

    public constructor(
        {dataDir, onWarning = () => undefined}: FileKeyStoreOptions,
        {platform = process.platform}: FileKeyStoreDeps = {}
    ) {
        this.filePath = path.join(dataDir, FileKeyStore.fileName);
        this.description = `file ${this.filePath} (0600)`;
        this.#onWarning = onWarning;
        this.#platform = platform;
    }

    /**
     * The stored key (surrounding whitespace trimmed, so a hand-edited file
     * with a trailing newline still works), or `null` when there is no file
     * or it is empty. A file other users could read is first reset to 0600.
     */
    public async read(): Promise<string | null> {
        let handle: fs.FileHandle;
        try {
            handle = await fs.open(this.filePath, "r");
        } catch (err) {
            if (isErrnoCode(err, "ENOENT"))
                return null;

            throw this.#error("read", err);
        }

        try {
            await this.#ensurePrivate(handle);
            const key = (await handle.readFile("utf8")).trim();
            return key === "" ? null : key;
        } catch (err) {
            throw err instanceof KeyStoreError ? err : this.#error("read", err);
        } finally {
            await handle.close();
        }
    }

    /** Atomically replaces the file with `key`, mode 0600. */
    public async write(key: string): Promise<void> {
        try {
            await writeFileAtomic(this.filePath, key + "\n", {mode: 0o600, dirMode: 0o700});
        } catch (err) {
            throw this.#error("write", err);
        }
    }

    /** Removes the file; `false` when there was none. */
    public async delete(): Promise<boolean> {
        try {
            await fs.unlink(this.filePath);
            return true;
        } catch (err) {
            if (isErrnoCode(err, "ENOENT"))
                return false;

            throw this.#error("delete", err);
        }
    }

    async #ensurePrivate(handle: fs.FileHandle): Promise<void> {
        // fstat/fchmod on the open handle, so a rename between check and fix can't redirect us.
        const stat = await handle.stat();
        if (!stat.isFile())
            throw new KeyStoreError("key_file_failed", `The API key path ${this.filePath} is not a regular file`);

        // Windows has no POSIX modes; the file inherits the profile's ACL.
        if (this.#platform === "win32")
            return;

        const {mode} = stat;
        if ((mode & 0o077) === 0)
            return;

        await handle.chmod(0o600);
        this.#warn(
            `${this.filePath} was accessible to other users (mode ${(mode & 0o777).toString(8).padStart(4, "0")}); ` +
            "its mode was reset to 0600. Consider regenerating the API key."
        );
    }

    #warn(message: string): void {
        try {
            this.#onWarning(message);
        } catch {
            // a broken listener must not break reading the key
        }
    }

    #error(action: "read" | "write" | "delete", err: unknown): KeyStoreError {
        // fs errors name the path and syscall, never the file's contents.
        return new KeyStoreError("key_file_failed", `Could not ${action} the API key file ${this.filePath}: ${errorMessage(err)}`, {cause: err});
    }
}
