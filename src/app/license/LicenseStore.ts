import {randomUUID} from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import {packageRoot} from "../../packageRoot.js";
import {errorMessage} from "../utils/errorMessage.js";
import {isErrnoCode} from "../utils/isErrnoCode.js";
import {writeFileAtomic} from "../utils/writeFileAtomic.js";
import {devKey} from "./devKey.js";
import {devLicenseKey} from "./devLicenseKey.js";
import type {IsSourceCheckoutDeps} from "./isSourceCheckout.js";
import {LicenseError, type LicenseErrorCode} from "./LicenseError.js";
import type {LicensePayload} from "./licensePayloadSchema.js";
import {productionPublicKeys} from "./productionPublicKeys.js";
import {signLicense} from "./signLicense.js";
import type {TrustedLicenseKey} from "./TrustedLicenseKey.js";
import {verifyLicense} from "./verifyLicense.js";

export type LicenseStoreOptions = {
    /** Directory holding `license.json` (see `resolveDataDir()`). */
    readonly dataDir: string,

    /**
     * Root of the running package, checked by `isSourceCheckout()` to decide
     * whether the dev key is trusted. Default: the nearest `package.json`
     * above this module.
     */
    readonly rootDir?: string
};

export type LicenseStoreDeps = IsSourceCheckoutDeps & {
    /** Keys licences may be signed with. Default: `productionPublicKeys`, plus the dev key in a source checkout. */
    readonly trustedKeys?: readonly TrustedLicenseKey[],

    /** Clock for `issuedAt` of dev licences. Default: `() => new Date()`. */
    readonly now?: () => Date
};

export type ActiveLicense = {
    readonly license: LicensePayload,
    readonly keyId: string,
    /** `"development"` for a licence signed with the in-repo dev key. */
    readonly signer: "production" | "development"
};

export type LicenseStatus =
    | {readonly state: "none", readonly filePath: string}
    | ({readonly state: "valid", readonly filePath: string} & ActiveLicense)
    | {readonly state: "invalid", readonly filePath: string, readonly code: LicenseErrorCode, readonly message: string};

export type EditionStatus = {
    readonly edition: "business" | "personal",

    /** One sentence for the status line / CLI, e.g. why this is not Business. */
    readonly reason: string,

    /** Why the installed licence was rejected; `null` when valid or absent. */
    readonly code: LicenseErrorCode | null
};

export type IssueDevLicenseOptions = {
    /** Default: `"business"`. */
    readonly edition?: "business" | "personal",

    /** Default: `"Developer (source checkout)"`. */
    readonly licensee?: string
};

const fileName = "license.json";

/** Upper bound when reading a file to activate; licences are a few hundred bytes. */
const maxLicenseBytes = 64 * 1024;

/**
 * The installed licence, `<dataDir>/license.json`, and the edition it grants.
 *
 * The edition comes only from a licence whose Ed25519 signature checks out
 * against a compiled-in key — nothing in `settings.json`, no CLI flag and no
 * API call can make it Business. Anything wrong (missing, unreadable,
 * tampered, unknown key) means Personal, with the reason.
 */
export class LicenseStore {
    public readonly filePath: string;
    readonly #trustedKeys: readonly TrustedLicenseKey[];
    readonly #devKey: ReturnType<typeof devLicenseKey>;
    readonly #now: () => Date;

    public constructor(
        {dataDir, rootDir = packageRoot()}: LicenseStoreOptions,
        {trustedKeys, now = () => new Date(), ...checkoutDeps}: LicenseStoreDeps = {}
    ) {
        this.filePath = path.join(dataDir, fileName);
        this.#devKey = devLicenseKey(rootDir, checkoutDeps);
        this.#trustedKeys = trustedKeys ?? (this.#devKey == null
            ? productionPublicKeys
            : [...productionPublicKeys, {id: this.#devKey.id, publicKeyPem: this.#devKey.publicKeyPem}]);
        this.#now = now;
    }

    /** Whether `issueDevLicense()` can work here (running from a source checkout). */
    public get canIssueDevLicense(): boolean {
        return this.#devKey != null;
    }

    /**
     * Verifies the licence file at `sourcePath` and, only if valid, installs
     * it (replacing any previous one). Throws `LicenseError` with the
     * verification code otherwise, leaving the installed licence untouched.
     */
    public async activate(sourcePath: string): Promise<ActiveLicense> {
        let text: string;
        try {
            text = await readSmallFile(sourcePath);
        } catch (err) {
            if (err instanceof LicenseError)
                throw err;

            throw new LicenseError("license_read_failed", `Could not read the licence file ${sourcePath}: ${errorMessage(err)}`, {cause: err});
        }

        const result = verifyLicense(text, this.#trustedKeys);
        if (!result.ok)
            throw new LicenseError(result.code, `${sourcePath}: ${result.message}`);

        await this.#install(text);
        return this.#active(result.license, result.keyId);
    }

    /** The installed licence and whether it is valid. Never throws. */
    public async show(): Promise<LicenseStatus> {
        let text: string;
        try {
            text = await readSmallFile(this.filePath);
        } catch (err) {
            if (isErrnoCode(err, "ENOENT"))
                return {state: "none", filePath: this.filePath};

            if (err instanceof LicenseError)
                return {state: "invalid", filePath: this.filePath, code: err.code, message: err.message};

            return {
                state: "invalid",
                filePath: this.filePath,
                code: "license_read_failed",
                message: `could not read the licence file: ${errorMessage(err)}`
            };
        }

        const result = verifyLicense(text, this.#trustedKeys);
        if (!result.ok)
            return {state: "invalid", filePath: this.filePath, code: result.code, message: result.message};

        return {state: "valid", filePath: this.filePath, ...this.#active(result.license, result.keyId)};
    }

    /** `"business"` only with a valid Business licence; otherwise `"personal"` and why. Never throws. */
    public async edition(): Promise<EditionStatus> {
        const status = await this.show();
        switch (status.state) {
            case "none":
                return {edition: "personal", reason: "No licence is installed.", code: null};

            case "invalid":
                return {
                    edition: "personal",
                    reason: `The installed licence (${status.filePath}) was rejected: ${status.message}.`,
                    code: status.code
                };

            case "valid": {
                const {license, signer} = status;
                const dev = signer === "development" ? " (development licence)" : "";
                return license.edition === "business"
                    ? {edition: "business", reason: `Business licence for ${license.licensee}${dev}.`, code: null}
                    : {edition: "personal", reason: `Personal licence for ${license.licensee}${dev}.`, code: null};
            }
        }
    }

    /**
     * Signs a licence with the in-repo dev key and installs it. Only from a
     * source checkout; elsewhere throws `LicenseError("license_dev_unavailable")`.
     */
    public async issueDevLicense(
        {edition = "business", licensee = "Developer (source checkout)"}: IssueDevLicenseOptions = {}
    ): Promise<ActiveLicense> {
        if (this.#devKey == null)
            throw new LicenseError(
                "license_dev_unavailable",
                "Development licences can only be issued when running from a source checkout."
            );

        const payload: LicensePayload = {edition, licensee, issuedAt: this.#now().toISOString(), id: randomUUID()};
        await this.#install(signLicense(payload, this.#devKey));
        return this.#active(payload, this.#devKey.id);
    }

    async #install(text: string): Promise<void> {
        try {
            await writeFileAtomic(this.filePath, text, {mode: 0o600, dirMode: 0o700});
        } catch (err) {
            throw new LicenseError("license_write_failed", `Could not write ${this.filePath}: ${errorMessage(err)}`, {cause: err});
        }
    }

    #active(license: LicensePayload, keyId: string): ActiveLicense {
        return {license, keyId, signer: keyId === devKey.id ? "development" : "production"};
    }
}

async function readSmallFile(filePath: string): Promise<string> {
    const handle = await fs.open(filePath, "r");
    try {
        const {size} = await handle.stat();
        if (size > maxLicenseBytes)
            throw new LicenseError("license_malformed", `${filePath} is ${size} bytes; a licence file is far smaller`);

        return await handle.readFile("utf8");
    } finally {
        await handle.close();
    }
}
