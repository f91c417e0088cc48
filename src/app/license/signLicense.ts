import {createPrivateKey, sign} from "node:crypto";
import {canonicalJson} from "./canonicalJson.js";
import type {LicensePayload} from "./licensePayloadSchema.js";

export type SignLicenseKey = {
    /** Id of the key, recorded as `keyId` so `verifyLicense()` finds its public half. */
    readonly id: string,

    /** Ed25519 private key, PKCS#8 PEM. */
    readonly privateKeyPem: string
};

/**
 * Produces the text of a `license.json` for `payload`, signed with `key`.
 * Used for dev licences and by the issuing tooling; the app itself only
 * ever holds the dev private key.
 */
export function signLicense(payload: LicensePayload, key: SignLicenseKey): string {
    const privateKey = createPrivateKey(key.privateKeyPem);
    if (privateKey.asymmetricKeyType !== "ed25519")
        throw new TypeError(`signLicense: key "${key.id}" is not an Ed25519 key`);

    const signature = sign(null, Buffer.from(canonicalJson(payload), "utf8"), privateKey).toString("base64");
    return JSON.stringify({payload, keyId: key.id, signature}, null, 4) + "\n";
}
