import {describe, expect, test} from "vitest";
import {corsHeaders} from "../../src/server/guards/corsHeaders.js";

// Standalone: which CORS answer a request gets, by its Origin and method.
const allowed = ["http://localhost:3000", "https://app.example"];

describe("corsHeaders", () => {
    test("no allowed origin, no Origin, another origin, a near miss, null or a repeated Origin: none", () => {
        expect(corsHeaders({method: "GET", headers: {origin: "http://localhost:3000"}}, [])).toEqual({kind: "none"});
        for (const origin of [undefined, "https://evil.example", "http://localhost:3001", "http://localhost:3000/", "HTTP://LOCALHOST:3000", "null",
            "http://localhost:3000, http://localhost:3000"])
            expect(corsHeaders({method: "OPTIONS", headers: {origin, "access-control-request-method": "POST"}}, allowed), String(origin)).toEqual({kind: "none"});
    });

    test("an allowed origin's preflight: the exact origin, the methods, the headers both protocols send, a max age", () => {
        expect(corsHeaders({method: "OPTIONS", headers: {origin: "https://app.example", "access-control-request-method": "POST"}}, allowed)).toEqual({
            kind: "preflight",
            headers: {
                "access-control-allow-origin": "https://app.example",
                "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
                "access-control-allow-headers": "authorization, content-type, x-api-key, anthropic-version, anthropic-beta",
                "access-control-max-age": "600",
                vary: "Origin, Access-Control-Request-Headers"
            }
        });
    });

    test("an allowed origin may send the headers its preflight names (the SDKs' x-stainless-*); a malformed list gets the protocols' own", () => {
        const preflight = (requested: string) => corsHeaders({method: "OPTIONS", headers: {
            origin: "https://app.example", "access-control-request-method": "POST", "access-control-request-headers": requested
        }}, allowed);
        const sdk = "authorization, content-type, x-stainless-lang, x-stainless-os, anthropic-dangerous-direct-browser-access";
        expect(preflight(sdk)).toMatchObject({kind: "preflight", headers: {"access-control-allow-headers": sdk}});
        expect(preflight("x-a\r\nset-cookie: y")).toMatchObject({kind: "preflight", headers: {
            "access-control-allow-headers": "authorization, content-type, x-api-key, anthropic-version, anthropic-beta"
        }});
    });

    test("an allowed origin's request (an OPTIONS without Access-Control-Request-Method too): the origin, Vary, Retry-After exposed", () => {
        const response = {kind: "response", headers: {"access-control-allow-origin": "http://localhost:3000", vary: "Origin", "access-control-expose-headers": "Retry-After"}};
        expect(corsHeaders({method: "POST", headers: {origin: "http://localhost:3000"}}, allowed)).toEqual(response);
        expect(corsHeaders({method: "OPTIONS", headers: {origin: "http://localhost:3000"}}, allowed)).toEqual(response);
    });
});
