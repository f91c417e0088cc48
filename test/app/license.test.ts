import {generateKeyPairSync} from "node:crypto";
import fc from "fast-check";
import {describe, expect, test} from "vitest";
import {canonicalJson} from "../../src/app/license/canonicalJson.js";
import {devKey} from "../../src/app/license/devKey.js";
import type {LicensePayload} from "../../src/app/license/licensePayloadSchema.js";
import {productionPublicKeys} from "../../src/app/license/productionPublicKeys.js";
import {signLicense} from "../../src/app/license/signLicense.js";
import type {TrustedLicenseKey} from "../../src/app/license/TrustedLicenseKey.js";
import {verifyLicense} from "../../src/app/license/verifyLicense.js";

function makeKey(id: string) {
    const {publicKey, privateKey} = generateKeyPairSync("ed25519", {
        publicKeyEncoding: {type: "spki", format: "pem"},
        privateKeyEncoding: {type: "pkcs8", format: "pem"}
    });
    return {id, publicKeyPem: publicKey, privateKeyPem: privateKey};
}

const issuer = makeKey("test-issuer");
const trusted: TrustedLicenseKey[] = [{id: issuer.id, publicKeyPem: issuer.publicKeyPem}];

const business: LicensePayload = {edition: "business", licensee: "Acme Ltd", issuedAt: "2026-11-01T10:00:00.000Z", id: "lic-1"};
const personal: LicensePayload = {...business, edition: "personal", licensee: "Jo", id: "lic-2"};

describe("verifyLicense", () => {
    test("accepts a valid business licence", () => {
        expect(verifyLicense(signLicense(business, issuer), trusted)).toEqual({ok: true, license: business, keyId: "test-issuer"});
    });

    test("accepts a valid personal licence", () => {
        const result = verifyLicense(signLicense(personal, issuer), trusted);
        expect(result.ok && result.license.edition).toBe("personal");
    });

    test("the signature doesn't depend on key order or formatting of the file", () => {
        const file = JSON.parse(signLicense(business, issuer)) as {payload: Record<string, unknown>};
        const reordered = {
            signature: (file as unknown as {signature: string}).signature,
            keyId: issuer.id,
            payload: Object.fromEntries(Object.entries(file.payload).reverse())
        };
        expect(verifyLicense(JSON.stringify(reordered), trusted).ok).toBe(true);
    });

    test("a personal licence edited to business fails the signature check", () => {
        const file = JSON.parse(signLicense(personal, issuer)) as {payload: LicensePayload};
        file.payload.edition = "business";
        expect(verifyLicense(JSON.stringify(file), trusted)).toMatchObject({ok: false, code: "license_invalid_signature"});
    });

    test("any edit to any payload field is caught", () => {
        fc.assert(fc.property(
            fc.constantFrom("licensee", "issuedAt", "id"),
            fc.string({minLength: 1}),
            (field, value) => {
                const file = JSON.parse(signLicense(business, issuer)) as {payload: Record<string, string>};
                fc.pre(file.payload[field] !== value);
                file.payload[field] = value;
                const result = verifyLicense(JSON.stringify(file), trusted);
                return !result.ok && result.code === "license_invalid_signature";
            }
        ), {numRuns: 50});
    });

    test("adding a field to the payload is caught too", () => {
        const file = JSON.parse(signLicense(personal, issuer)) as {payload: Record<string, unknown>};
        file.payload.seats = 1000;
        expect(verifyLicense(JSON.stringify(file), trusted)).toMatchObject({ok: false, code: "license_invalid_signature"});
    });

    test("a licence signed by an unknown key fails", () => {
        const stranger = makeKey("stranger");
        expect(verifyLicense(signLicense(business, stranger), trusted)).toMatchObject({ok: false, code: "license_unknown_key"});
    });

    test("a licence signed by another key but claiming a trusted keyId fails the signature check", () => {
        const impostor = makeKey(issuer.id);
        expect(verifyLicense(signLicense(business, impostor), trusted)).toMatchObject({ok: false, code: "license_invalid_signature"});
    });

    test("a dev-signed licence is an unknown key to the production key list", () => {
        expect(verifyLicense(signLicense(business, devKey), productionPublicKeys)).toMatchObject({ok: false, code: "license_unknown_key"});
    });

    test("malformed files are license_malformed, never a throw", () => {
        const valid = JSON.parse(signLicense(business, issuer)) as Record<string, unknown>;
        const cases = [
            "",
            "not json",
            "null",
            "[]",
            JSON.stringify({...valid, payload: undefined}),
            JSON.stringify({...valid, signature: "!!!"}),
            JSON.stringify({...valid, signature: Buffer.alloc(32).toString("base64")}),
            JSON.stringify({...valid, keyId: 7}),
            "x".repeat(70_000)
        ];
        for (const text of cases)
            expect(verifyLicense(text, trusted), text.slice(0, 40)).toMatchObject({ok: false, code: "license_malformed"});
    });

    test("a correctly signed payload of the wrong shape is malformed", () => {
        const odd = signLicense({...business, edition: "enterprise"} as unknown as LicensePayload, issuer);
        expect(verifyLicense(odd, trusted)).toMatchObject({ok: false, code: "license_malformed"});
    });

    test("the production key list holds one valid Ed25519 public key and no private key", () => {
        expect(productionPublicKeys).toHaveLength(1);
        for (const key of productionPublicKeys) {
            expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
            expect(key.publicKeyPem).not.toMatch(/PRIVATE/);
            // a licence it didn't sign is rejected on the signature, proving the key parses
            const forged = JSON.parse(signLicense(business, issuer)) as Record<string, unknown>;
            forged.keyId = key.id;
            expect(verifyLicense(JSON.stringify(forged), productionPublicKeys)).toMatchObject({code: "license_invalid_signature"});
        }
    });
});

describe("canonicalJson", () => {
    test("sorts keys at every level and drops undefined", () => {
        expect(canonicalJson({b: 1, a: {d: [3, {z: 1, y: 2}], c: undefined}})).toBe("{\"a\":{\"d\":[3,{\"y\":2,\"z\":1}]},\"b\":1}");
    });

    test("is independent of key insertion order and parses back to the same value", () => {
        fc.assert(fc.property(fc.jsonValue(), (value) => {
            const text = canonicalJson(value);
            const reparsed: unknown = JSON.parse(text);
            return canonicalJson(reparsed) === text && canonicalJson(reverseKeys(value)) === text;
        }));
    });
});

/** A deep copy whose objects list their keys in reverse insertion order. */
function reverseKeys(value: unknown): unknown {
    if (Array.isArray(value))
        return value.map(reverseKeys);

    if (value !== null && typeof value === "object")
        return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));

    return value;
}
