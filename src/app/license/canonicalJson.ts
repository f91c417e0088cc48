/**
 * JSON with object keys sorted (by UTF-16 code unit, like RFC 8785) at every
 * level and no whitespace, so the bytes that get signed don't depend on how
 * the licence file happens to be formatted or ordered. Properties whose value
 * is `undefined` are left out, as `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
    if (value === null || typeof value === "boolean" || typeof value === "string")
        return JSON.stringify(value);

    if (typeof value === "number") {
        if (!Number.isFinite(value))
            throw new TypeError("canonicalJson: non-finite numbers have no JSON form");

        return JSON.stringify(value);
    }

    if (Array.isArray(value))
        return `[${value.map((item) => canonicalJson(item)).join(",")}]`;

    if (typeof value === "object") {
        const record = value as Record<string, unknown>;
        const members = Object.keys(record)
            .filter((key) => record[key] !== undefined)
            .sort()
            .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
        return `{${members.join(",")}}`;
    }

    throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
}
