/** Whether two JSON values are equal as JSON Schema's `enum` and `const` compare them (key order aside). */
export function isDeepEqualJson(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a) && Array.isArray(b))
        return a.length === b.length && a.every((item, index) => isDeepEqualJson(item, b[index]));
    const aKeys = Object.keys(a);
    const bRecord = b as Record<string, unknown>;
    return aKeys.length === Object.keys(b).length &&
        aKeys.every((key) => Object.hasOwn(bRecord, key) && isDeepEqualJson((a as Record<string, unknown>)[key], bRecord[key]));
}
