import {createHash, timingSafeEqual} from "node:crypto";

/** Compares secrets in time independent of where they differ; hashing first also hides the expected length. */
export function constantTimeEquals(given: string, expected: string) {
    const a = createHash("sha256").update(given).digest();
    const b = createHash("sha256").update(expected).digest();
    return timingSafeEqual(a, b);
}
