import {createPublicKey, verify} from "node:crypto";
import {canonicalJson} from "./canonicalJson.js";
import {licenseFileSchema} from "./licenseFileSchema.js";
import {licensePayloadSchema, type LicensePayload} from "./licensePayloadSchema.js";
import type {TrustedLicenseKey} from "./TrustedLicenseKey.js";

export type LicenseVerification =
    | {readonly ok: true, readonly license: LicensePayload, readonly keyId: string}
    | {
        readonly ok: false,
        readonly code: "license_invalid_signature" | "license_malformed" | "license_unknown_key",
        readonly message: string
    };

/** Licence files are a few hundred bytes; refuse to parse anything absurd. */
const maxLicenseChars = 64 * 1024;

/**
 * Checks a licence file's text: JSON of the right shape, signed (Ed25519,
 * over `canonicalJson(payload)`) by the trusted key named in `keyId`, with a
 * payload of the right shape. Never throws for bad input.
 *
 * @param fileText - contents of a `license.json`
 * @param trustedKeys - keys this build accepts (production, plus dev in a source checkout)
 */
export function verifyLicense(fileText: string, trustedKeys: readonly TrustedLicenseKey[]): LicenseVerification {
    if (fileText.length > maxLicenseChars)
        return malformed(`the licence file is larger than ${maxLicenseChars} characters`);

    let json: unknown;
    try {
        json = JSON.parse(fileText.replace(/^\uFEFF/, ""));
    } catch {
        return malformed("the licence file is not valid JSON");
    }

    const file = licenseFileSchema.safeParse(json);
    if (!file.success)
        return malformed("the licence file needs \"payload\", \"keyId\" and \"signature\"");

    const {payload, keyId, signature} = file.data;
    const trusted = trustedKeys.find((key) => key.id === keyId);
    if (trusted == null)
        return {ok: false, code: "license_unknown_key", message: `the licence was signed with key "${keyId}", which this build does not trust`};

    // Buffer.from(…, "base64") skips junk silently; insist on real base64 of an
    // Ed25519 signature's 64 bytes.
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature))
        return malformed("the licence signature is not base64");

    const signatureBytes = Buffer.from(signature, "base64");
    if (signatureBytes.length !== 64)
        return malformed("the licence signature has the wrong length for Ed25519");

    const publicKey = createPublicKey(trusted.publicKeyPem);
    if (publicKey.asymmetricKeyType !== "ed25519")
        throw new TypeError(`verifyLicense: trusted key "${trusted.id}" is not an Ed25519 key`);

    let data: Buffer;
    try {
        data = Buffer.from(canonicalJson(payload), "utf8");
    } catch {
        return malformed("the licence payload cannot be serialised");
    }

    if (!verify(null, data, publicKey, signatureBytes))
        return {ok: false, code: "license_invalid_signature", message: "the licence signature does not match its contents (was the file edited?)"};

    const license = licensePayloadSchema.safeParse(payload);
    if (!license.success)
        return malformed("the signed licence payload is missing fields or has an unknown edition");

    return {ok: true, license: license.data, keyId};
}

function malformed(message: string): LicenseVerification {
    return {ok: false, code: "license_malformed", message};
}
