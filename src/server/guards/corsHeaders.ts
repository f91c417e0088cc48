import type {IncomingHttpHeaders} from "node:http";

/** How long a browser may reuse a preflight's answer, in seconds (Chromium caps it at 7200). */
const preflightMaxAgeSeconds = 600;

/**
 * The methods of the routes, and the headers the OpenAI and Anthropic protocols send from a page: what a preflight
 * allows unless it names its own (the SDKs add `x-stainless-*` and `anthropic-dangerous-direct-browser-access`).
 */
const allowMethods = "GET, POST, DELETE, OPTIONS";
const protocolHeaders = "authorization, content-type, x-api-key, anthropic-version, anthropic-beta";

/** A list of header names, as `Access-Control-Request-Headers` carries them. */
const headerNames = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

/**
 * What CORS asks of the server for this request (SPEC §4: "no CORS headers unless the user allows an origin"):
 * `"none"` unless its single `Origin` is exactly one of `allowedOrigins` (both as browsers serialise origins; a
 * sandboxed page's `null` never is one); then `"preflight"` (an `OPTIONS` with `Access-Control-Request-Method`,
 * answered 204 with these headers and no key, since browsers never send one there) or `"response"` (the headers the
 * real answer carries, error or stream, so the page can read it).
 */
export function corsHeaders(
    request: {readonly method: string, readonly headers: IncomingHttpHeaders},
    allowedOrigins: readonly string[]
): {readonly kind: "none"} | {readonly kind: "preflight" | "response", readonly headers: Readonly<Record<string, string>>} {
    // Node joins a repeated Origin with ", ", which matches no allowed origin: refused rather than guessed at.
    const origin = request.headers.origin;
    if (origin == null || !allowedOrigins.includes(origin)) return {kind: "none"};

    const common = {"access-control-allow-origin": origin, vary: "Origin"};
    if (request.method === "OPTIONS" && request.headers["access-control-request-method"] != null) {
        // The user trusts this origin: it may send the headers it asks for (the key is still checked on the request)
        const requested = request.headers["access-control-request-headers"];
        return {
            kind: "preflight",
            headers: {
                ...common,
                vary: "Origin, Access-Control-Request-Headers",
                "access-control-allow-methods": allowMethods,
                "access-control-allow-headers": typeof requested === "string" && headerNames.test(requested.trim()) ? requested.trim() : protocolHeaders,
                "access-control-max-age": String(preflightMaxAgeSeconds)
            }
        };
    }
    // Retry-After tells a page when to come back after a 429/503; a page reads no other header unless exposed.
    return {kind: "response", headers: {...common, "access-control-expose-headers": "Retry-After"}};
}
