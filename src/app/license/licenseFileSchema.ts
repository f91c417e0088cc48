import {z} from "zod";

/**
 * The outer shape of `license.json`. `payload` is checked in detail
 * (`licensePayloadSchema`) only after the signature, which covers the
 * payload exactly as written — including fields a newer issuer may add.
 */
export const licenseFileSchema = z.object({
    payload: z.record(z.string(), z.unknown()),
    /** Which trusted key signed it (`TrustedLicenseKey.id`). */
    keyId: z.string().min(1),
    /** Base64 Ed25519 signature over `canonicalJson(payload)`. */
    signature: z.string().min(1)
});
