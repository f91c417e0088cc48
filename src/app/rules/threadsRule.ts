import {wholeNumberRule} from "./wholeNumberRule.js";

/** CPU threads for the next model load: 1–256, or `null` to let the engine choose (`defaultThreads()`). */
export const threadsRule = wholeNumberRule(1, 256,
    (got) => `Threads must be a whole number from 1 to 256, or auto to let the engine choose (got ${got}).`).nullable();
