import {generateKeyPairSync} from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type {LicensePayload} from "../../../src/app/license/licensePayloadSchema.js";
import {LicenseStore} from "../../../src/app/license/LicenseStore.js";
import {signLicense} from "../../../src/app/license/signLicense.js";
import {makeTempDir} from "./makeTempDir.js";

const {publicKey, privateKey} = generateKeyPairSync("ed25519", {
    publicKeyEncoding: {type: "spki", format: "pem"},
    privateKeyEncoding: {type: "pkcs8", format: "pem"}
});

/** A licence issuer the test `LicenseStore`s trust, standing in for the production key. */
export const testIssuer = {id: "test-issuer", privateKeyPem: privateKey};
export const testTrustedKeys = [{id: testIssuer.id, publicKeyPem: publicKey}];

export function testLicensePayload(edition: "business" | "personal"): LicensePayload {
    return {edition, licensee: "Acme Ltd", issuedAt: "2026-11-01T10:00:00.000Z", id: `lic-${edition}`};
}

/** Writes a licence file signed by `testIssuer` (or by `signer`) into a temp dir and returns its path. */
export async function writeTestLicense(
    edition: "business" | "personal",
    signer: {id: string, privateKeyPem: string} = testIssuer
): Promise<string> {
    const file = path.join(await makeTempDir(), "license.json");
    await fs.writeFile(file, signLicense(testLicensePayload(edition), signer));
    return file;
}

/**
 * A `LicenseStore` on `dataDir` trusting only `testIssuer` and running as an installed build (no dev key), with a
 * licence of `edition` installed — or none.
 */
export async function createTestLicenseStore(dataDir: string, edition: "business" | "personal" | "none"): Promise<LicenseStore> {
    const store = new LicenseStore({dataDir, rootDir: await makeTempDir()}, {trustedKeys: testTrustedKeys, env: {}});
    if (edition !== "none") await store.activate(await writeTestLicense(edition));
    return store;
}
