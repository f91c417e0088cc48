/** A public key licences may be signed with, looked up by the licence's `keyId`. */
export type TrustedLicenseKey = {
    /** Stable id recorded in each licence file as `keyId`. */
    readonly id: string,

    /** Ed25519 public key, SPKI PEM. */
    readonly publicKeyPem: string
};
