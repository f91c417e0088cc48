import {randomBytes} from "node:crypto";

/**
 * A new API key: `tholos-` followed by 32 bytes (256 bits) from the OS CSPRNG
 * in base64url (43 characters, no padding), so it is safe in an HTTP header
 * and a shell without quoting. The prefix makes a leaked key recognisable to
 * secret scanners and to the user.
 */
export function generateApiKey(): string {
    return `tholos-${randomBytes(32).toString("base64url")}`;
}
