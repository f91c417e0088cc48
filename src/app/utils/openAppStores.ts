import {resolveDataDir} from "../dataDir.js";
import {KeyStore} from "../key/KeyStore.js";
import {LicenseStore} from "../license/LicenseStore.js";
import {SettingsStore} from "../settings/SettingsStore.js";
import {ResponseStore} from "../responses/ResponseStore.js";
import type {AppCoreDeps} from "../AppCoreDeps.js";

export type OpenAppStoresOptions = {
    /** Read for `THOLOS_HOME` when `dataDir` is absent. */
    readonly env: NodeJS.ProcessEnv,

    /** `THOLOS_API_KEY` when set: then no key store is opened (no keychain probe for a key nobody uses). */
    readonly envKey: string | null,

    /** Default: `resolveDataDir(env)`. */
    readonly dataDir?: string,

    /** Default: `"auto"`. */
    readonly useKeychain?: "auto" | "never",
    readonly onWarning?: (message: string) => void
};

export type AppStores = {
    readonly dataDir: string,

    /** Loaded: a corrupt file has already been moved aside and is reported by `settings.problem`. */
    readonly settings: SettingsStore,
    readonly keyStore: KeyStore | null,
    readonly licenseStore: LicenseStore,

    /** The Responses API's stored answers (SQLite in the data dir). */
    readonly responses: ResponseStore
};

/** Opens the stores of the data dir (settings loaded, key store chosen, responses database), for the core and for the CLI when no instance runs. */
export async function openAppStores(options: OpenAppStoresOptions, deps: Pick<AppCoreDeps, "settings" | "keyStore" | "licenseStore"> = {}): Promise<AppStores> {
    const dataDir = options.dataDir ?? resolveDataDir(options.env);
    const settings = deps.settings ?? new SettingsStore({dataDir});
    await settings.load();
    const keyStore = deps.keyStore ?? (options.envKey != null
        ? null
        : await KeyStore.open({dataDir, useKeychain: options.useKeychain ?? "auto", onWarning: options.onWarning}));
    return {dataDir, settings, keyStore, licenseStore: deps.licenseStore ?? new LicenseStore({dataDir}), responses: ResponseStore.open({
        dataDir, maxResponses: settings.settings.responsesMaxCount, maxAgeDays: settings.settings.responsesMaxAgeDays
    })};
}
