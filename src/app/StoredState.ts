import path from "node:path";
import {checkModelFile} from "../engine/checkModelFile.js";
import {AppCoreError} from "./AppCoreError.js";
import type {ApiKeySource} from "./AppState.js";
import {lockedStatus} from "./core/deriveStatus.js";
import {openAppStores, type AppStores} from "./core/openAppStores.js";
import {readEnvApiKey} from "./core/readEnvApiKey.js";
import type {ApiKeyAnswer} from "./control/ControlMethods.js";
import type {ActiveLicense, LicenseStatus} from "./license/LicenseStore.js";
import type {Settings} from "./settings/settingsSchema.js";

export type StoredStateOptions = {
    /** Default: `resolveDataDir(env)`. */
    readonly dataDir?: string,

    /** Read for `THOLOS_API_KEY` and `THOLOS_HOME`. Default: `process.env`. */
    readonly env?: NodeJS.ProcessEnv,

    /** Default: `"auto"`. */
    readonly useKeychain?: "auto" | "never"
};

/** What `tholos status` shows when no instance runs. */
export type StoredSummary = {
    /** `Off`, or `Locked — …` on an edition other than Business. */
    readonly status: string,
    readonly edition: "business" | "personal",
    readonly editionReason: string,
    readonly settings: Settings,
    readonly apiKey: {readonly source: ApiKeySource, readonly location: string},
    readonly settingsProblem: string | null
};

/**
 * The stored settings, key and licence, changed directly when no instance is running (the CLI without `serve` or
 * the tray). The same rules as `AppCore` apply — above all, enabling needs the Business edition.
 */
export class StoredState {
    readonly #stores: AppStores;
    readonly #envKey: string | null;

    private constructor(stores: AppStores, envKey: string | null) {
        this.#stores = stores;
        this.#envKey = envKey;
    }

    public static async open({env = process.env, dataDir, useKeychain}: StoredStateOptions = {}): Promise<StoredState> {
        const envKey = readEnvApiKey(env);
        return new StoredState(await openAppStores({env, envKey, dataDir, useKeychain}), envKey);
    }

    public get dataDir(): string {
        return this.#stores.dataDir;
    }

    public async summary(): Promise<StoredSummary> {
        const edition = await this.#stores.licenseStore.edition();
        return {
            status: edition.edition === "business" ? "Off" : lockedStatus,
            edition: edition.edition,
            editionReason: edition.reason,
            settings: this.#stores.settings.settings,
            apiKey: this.#keySource(),
            settingsProblem: this.#stores.settings.problem?.message ?? null
        };
    }

    /** Saves the switch on; throws `AppCoreError("edition_locked")` on any edition but Business. */
    public async enable(): Promise<void> {
        const edition = await this.#stores.licenseStore.edition();
        if (edition.edition !== "business")
            throw new AppCoreError("edition_locked",
                `The Local API Server is available on the Business edition. ${edition.reason} Activate a Business licence (\`tholos license activate <file>\`).`);
        await this.#stores.settings.update({enabled: true});
    }

    public async disable(): Promise<void> {
        await this.#stores.settings.update({enabled: false});
    }

    public async setPort(port: number): Promise<void> {
        if (!Number.isInteger(port) || port < 1 || port > 65535)
            throw new AppCoreError("invalid_port", `The port must be a whole number from 1 to 65535 (got ${port}).`);
        await this.#stores.settings.update({port});
    }

    /** Saves the model to load at the next start, after checking the file exists and is GGUF. */
    public async setModel(modelPath: string): Promise<string> {
        const resolved = path.resolve(modelPath);
        await checkModelFile(resolved);
        await this.#stores.settings.update({modelPath: resolved});
        return resolved;
    }

    public async clearModel(): Promise<void> {
        await this.#stores.settings.update({modelPath: undefined});
    }

    /** The key `tholos serve` from this environment would use (creating the stored one if there is none). */
    public async key(): Promise<ApiKeyAnswer> {
        const key = this.#envKey ?? await this.#stores.keyStore!.get();
        return {key, ...this.#keySource()};
    }

    public async regenerateKey(): Promise<ApiKeyAnswer> {
        if (this.#envKey != null)
            throw new AppCoreError("key_from_env",
                "THOLOS_API_KEY is set in this environment and overrides the stored key, so regenerating it here would change nothing. Unset THOLOS_API_KEY to use (and regenerate) the stored key.");
        return {key: await this.#stores.keyStore!.regenerate(), ...this.#keySource()};
    }

    public async licenseStatus(): Promise<LicenseStatus> {
        return this.#stores.licenseStore.show();
    }

    public async activateLicense(filePath: string): Promise<ActiveLicense> {
        return this.#stores.licenseStore.activate(path.resolve(filePath));
    }

    public async issueDevLicense(): Promise<ActiveLicense> {
        return this.#stores.licenseStore.issueDevLicense();
    }

    #keySource(): {source: ApiKeySource, location: string} {
        if (this.#envKey != null || this.#stores.keyStore == null)
            return {source: "env", location: "THOLOS_API_KEY environment variable"};
        return {source: this.#stores.keyStore.kind, location: this.#stores.keyStore.location};
    }
}
