import {wholeNumberRule} from "./wholeNumberRule.js";

/**
 * The port on 127.0.0.1: 1–65535, saved; or 0 for any free port, this run only (tests; `settings.json` never holds
 * 0). The one range and message wherever a port comes in.
 */
export const portRule = wholeNumberRule(0, 65535,
    (got) => `The port must be a whole number from 1 to 65535, or 0 for any free port this run only (got ${got}).`);
