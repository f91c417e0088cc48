import {TholosError} from "../../TholosError.js";

export type LicenseErrorCode =
    /** The signature doesn't match the payload (edited, or signed by someone else under a trusted id). */
    | "license_invalid_signature"
    /** Not JSON, wrong shape, or too large. */
    | "license_malformed"
    /** Signed with a key id this build doesn't trust (e.g. the dev key in a packaged app). */
    | "license_unknown_key"
    /** Dev licences can only be issued from a source checkout. */
    | "license_dev_unavailable"
    /** The licence file (or the one to activate) could not be read. */
    | "license_read_failed"
    /** The licence could not be written to the data directory. */
    | "license_write_failed";

/** A licence operation failed. Knows nothing of HTTP; `code` is stable. */
export class LicenseError extends TholosError<LicenseErrorCode> {
    public constructor(code: LicenseErrorCode, message: string, options?: {cause?: unknown}) {
        super(code, message, options);
    }
}
