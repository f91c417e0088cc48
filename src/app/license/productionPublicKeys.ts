import type {TrustedLicenseKey} from "./TrustedLicenseKey.js";

/**
 * Public keys of the licence-issuing service, compiled in so that editing any
 * file next to the app can't add a key of one's own.
 *
 * Only the PUBLIC half is in this repository. The private key is kept by the
 * licence issuer and is deliberately not in the repo; a new key gets a new id
 * and is appended here (old ids stay so issued licences keep working).
 */
export const productionPublicKeys: readonly TrustedLicenseKey[] = Object.freeze([
    Object.freeze({
        id: "tholos-prod-2026-1",
        publicKeyPem: [
            "-----BEGIN PUBLIC KEY-----",
            "MCowBQYDK2VwAyEA96uXqkzp1iPrN1tuP9D+jMeYvgl1jP88thep+8pyzyE=",
            "-----END PUBLIC KEY-----",
            ""
        ].join("\n")
    })
]);
