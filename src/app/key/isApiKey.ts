/**
 * Whether `value` has the shape `generateApiKey()` produces. Used to reject a
 * truncated or hand-edited stored key rather than serve a weak secret.
 */
export function isApiKey(value: unknown): value is string {
    return typeof value === "string" && /^tholos-[A-Za-z0-9_-]{43}$/.test(value);
}
