import fs from "node:fs/promises";
import path from "node:path";
import {withLock} from "lifecycle-utils";
import type {z} from "zod";
import {errorMessage} from "../utils/errorMessage.js";
import {isErrnoCode} from "../utils/isErrnoCode.js";
import {writeFileAtomic} from "../utils/writeFileAtomic.js";
import {SettingsError} from "./SettingsError.js";
import {settingsSchema, type Settings} from "./settingsSchema.js";

export type SettingsStoreOptions = {
    /** Directory holding `settings.json` (see `resolveDataDir()`); created 0700 on first write. */
    readonly dataDir: string
};

export type SettingsStoreDeps = {
    /** Clock used to name moved-aside corrupt files. Default: `() => new Date()`. */
    readonly now?: () => Date
};

/** What was wrong with `settings.json`, and where the broken file now is. */
export type SettingsProblem = {
    readonly code: "settings_corrupt_json" | "settings_invalid",

    /** One sentence for the status line / CLI, naming the moved-to path. */
    readonly message: string,

    /** Absolute path the broken file was renamed to. */
    readonly movedTo: string
};

export type SettingsLoadResult = {
    readonly settings: Settings,

    /** Set when the file was broken and moved aside (defaults are in use); else `null`. */
    readonly problem: SettingsProblem | null
};

/**
 * Fields to change. A key set to `undefined` is removed from the file, which
 * returns it to its default (or to "automatic" for optional fields).
 */
export type SettingsPatch = {
    readonly [K in keyof z.input<typeof settingsSchema>]?: z.input<typeof settingsSchema>[K] | undefined
};

type RawSettings = Record<string, unknown>;

const fileName = "settings.json";

/**
 * Reads and writes `<dataDir>/settings.json`.
 *
 * - Missing file: defaults.
 * - Invalid JSON or schema violation: the file is renamed to
 *   `settings.json.corrupt-<timestamp>`, reported through `problem`, and
 *   defaults are used — it is never silently overwritten or lost.
 * - Writes are atomic (temp file, fsync, rename) with mode 0600.
 * - Only the keys actually present in the file are written back (defaults are
 *   not baked in), and keys this version doesn't know survive a round trip.
 */
export class SettingsStore {
    public readonly filePath: string;
    readonly #now: () => Date;
    #settings: Settings | undefined = undefined;
    #problem: SettingsProblem | null = null;

    public constructor({dataDir}: SettingsStoreOptions, {now = () => new Date()}: SettingsStoreDeps = {}) {
        this.filePath = path.join(dataDir, fileName);
        this.#now = now;
    }

    /** The settings from the last `load()`/`update()`. Throws if neither has run. */
    public get settings(): Settings {
        if (this.#settings == null)
            throw new Error("SettingsStore: call load() before reading settings");

        return this.#settings;
    }

    /** The most recent problem found with the file (cleared by `load()`); `null` if none. */
    public get problem(): SettingsProblem | null {
        return this.#problem;
    }

    /**
     * Reads the file. Throws `SettingsError("settings_read_failed")` only when
     * an existing file can't be read at all (it is then left untouched).
     */
    public async load(): Promise<SettingsLoadResult> {
        return withLock([this, "file"], async () => {
            this.#problem = null;
            const {settings} = await this.#read();
            return {settings, problem: this.#problem};
        });
    }

    /**
     * Applies `patch` on top of the file as it is on disk now (so a change
     * made meanwhile by another process — the CLI vs. the tray — is kept),
     * validates, and writes atomically.
     *
     * Throws `SettingsError("settings_invalid")` without touching the file
     * when the result doesn't fit the schema, or `"settings_write_failed"`.
     */
    public async update(patch: SettingsPatch): Promise<Settings> {
        // Under the same lock as load(), so two update() calls in this process
        // can't both read the old file and lose one change.
        return withLock([this, "file"], async () => {
            const {raw} = await this.#read();

            const next: RawSettings = {...raw};
            for (const [key, value] of Object.entries(patch)) {
                if (value === undefined)
                    delete next[key];
                else
                    next[key] = value;
            }

            const parsed = settingsSchema.safeParse(next);
            if (!parsed.success)
                throw new SettingsError("settings_invalid", `Invalid settings: ${describeIssues(parsed.error)}`);

            try {
                await writeFileAtomic(this.filePath, JSON.stringify(next, null, 4) + "\n", {mode: 0o600, dirMode: 0o700});
            } catch (err) {
                throw new SettingsError("settings_write_failed", `Could not write ${this.filePath}: ${errorMessage(err)}`, {cause: err});
            }

            this.#settings = parsed.data;
            return parsed.data;
        });
    }

    async #read(): Promise<{raw: RawSettings, settings: Settings}> {
        let text: string;
        try {
            text = await fs.readFile(this.filePath, "utf8");
        } catch (err) {
            if (isErrnoCode(err, "ENOENT"))
                return this.#useDefaults();

            throw new SettingsError("settings_read_failed", `Could not read ${this.filePath}: ${errorMessage(err)}`, {cause: err});
        }

        let json: unknown;
        try {
            // Editors on Windows like to prepend a BOM, which JSON.parse rejects.
            json = JSON.parse(text.replace(/^\uFEFF/, ""));
        } catch (err) {
            const movedTo = await this.#moveAside();
            this.#problem = {
                code: "settings_corrupt_json",
                message: `${this.filePath} was not valid JSON (${errorMessage(err)}); it was moved to ${movedTo} and default settings are in use.`,
                movedTo
            };
            return this.#useDefaults();
        }

        const parsed = settingsSchema.safeParse(json);
        if (!parsed.success) {
            const movedTo = await this.#moveAside();
            this.#problem = {
                code: "settings_invalid",
                message: `${this.filePath} had invalid settings (${describeIssues(parsed.error)}); it was moved to ${movedTo} and default settings are in use.`,
                movedTo
            };
            return this.#useDefaults();
        }

        this.#settings = parsed.data;
        // safeParse succeeded, so json is a plain object
        return {raw: json as RawSettings, settings: parsed.data};
    }

    #useDefaults(): {raw: RawSettings, settings: Settings} {
        const settings = settingsSchema.parse({});
        this.#settings = settings;
        return {raw: {}, settings};
    }

    async #moveAside(): Promise<string> {
        // ":" is not allowed in Windows file names.
        const stamp = this.#now().toISOString().replace(/:/g, "-");
        const base = `${this.filePath}.corrupt-${stamp}`;

        try {
            // rename() silently replaces an existing target, which would lose an
            // earlier corrupt copy made in the same millisecond; pick a free name.
            let target = base;
            for (let i = 1; await pathExists(target); i++)
                target = `${base}-${i}`;

            await fs.rename(this.filePath, target);
            return target;
        } catch (err) {
            // Refuse to continue: with the file still in place a later update()
            // would overwrite it, which is exactly the silent loss we must avoid.
            throw new SettingsError(
                "settings_write_failed",
                `${this.filePath} is corrupt and could not be moved aside: ${errorMessage(err)}`,
                {cause: err}
            );
        }
    }
}

function describeIssues(error: z.ZodError): string {
    return error.issues
        .map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`))
        .join("; ");
}

async function pathExists(p: string): Promise<boolean> {
    try {
        await fs.lstat(p);
        return true;
    } catch (err) {
        if (isErrnoCode(err, "ENOENT"))
            return false;

        throw err;
    }
}
