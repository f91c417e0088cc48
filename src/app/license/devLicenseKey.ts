import {devKey} from "./devKey.js";
import {isSourceCheckout, type IsSourceCheckoutDeps} from "./isSourceCheckout.js";

/**
 * The development keypair (see `devKey.ts`) when running from a source
 * checkout at `rootDir`, else `null`. This is the single gate for both
 * trusting dev-signed licences and issuing them.
 */
export function devLicenseKey(rootDir: string, deps: IsSourceCheckoutDeps = {}): typeof devKey | null {
    return isSourceCheckout(rootDir, deps) ? devKey : null;
}
