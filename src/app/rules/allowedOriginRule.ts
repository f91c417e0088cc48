import {z} from "zod";

/**
 * A browser origin the server sends CORS headers to (SPEC §4): `http(s)://host[:port]` exactly, normalised as browsers
 * send it in `Origin` (lower case, punycode, no default port, no trailing slash), so the server compares by equality.
 * No wildcard, no path, no user, and never `null` (the origin of sandboxed frames and `file:` pages, which any page
 * can make itself). Every way to miss gets the one message.
 */
export const allowedOriginRule = z.unknown().transform((value, context) => {
    const origin = typeof value === "string" ? normalisedOrigin(value) : null;
    if (origin == null) {
        const got = typeof value === "string" ? JSON.stringify(value) : String(value);
        context.addIssue({
            code: z.ZodIssueCode.custom,
            message: `An allowed origin must be exactly scheme://host[:port] with http or https, e.g. http://localhost:3000 — no path, no wildcard, not "null" (got ${got}).`
        });
        return z.NEVER;
    }
    return origin;
}) as unknown as z.ZodType<string, z.ZodTypeDef, unknown>;

function normalisedOrigin(text: string): string | null {
    // A scheme first (else `localhost:3000` parses as the scheme `localhost:`); no wildcard or space anywhere.
    if (!/^https?:\/\/[^/]/i.test(text) || /[*\s]/.test(text)) return null;
    let url: URL;
    try {
        url = new URL(text);
    } catch {
        return null;
    }
    // Anything beyond the origin (a path, `?`, `#`, a user) makes the href longer than the origin and its slash.
    return url.href === `${url.origin}/` ? url.origin : null;
}
