import {describe, expect, test} from "vitest";
import {generateApiKey} from "../../src/app/key/generateApiKey.js";
import {isApiKey} from "../../src/app/key/isApiKey.js";

describe("generateApiKey", () => {
    test("is tholos- plus base64url of 32 bytes", () => {
        const key = generateApiKey();
        expect(key).toMatch(/^tholos-[A-Za-z0-9_-]{43}$/);
        expect(Buffer.from(key.slice("tholos-".length), "base64url")).toHaveLength(32);
        expect(isApiKey(key)).toBe(true);
    });

    test("keys are unique and the random part looks uniformly random", () => {
        const keys = Array.from({length: 2000}, () => generateApiKey());
        expect(new Set(keys).size).toBe(keys.length);

        // Every bit position of the 256 random bits should be set about half the time;
        // a constant, counter-like or low-entropy generator fails this.
        const ones = new Array<number>(256).fill(0);
        for (const key of keys) {
            const bytes = Buffer.from(key.slice(7), "base64url");
            for (let bit = 0; bit < 256; bit++)
                ones[bit]! += (bytes[bit >> 3]! >> (bit & 7)) & 1;
        }
        for (const count of ones) {
            // 2000 fair coin flips: mean 1000, sd ≈ 22; ±150 is ~6.7 sd
            expect(count).toBeGreaterThan(850);
            expect(count).toBeLessThan(1150);
        }
    });
});

describe("isApiKey", () => {
    test("rejects anything but the generated shape", () => {
        const key = generateApiKey();
        for (const bad of [null, undefined, "", "tholos-", key.slice(0, -1), key + "A", key.replace("tholos-", "sk-"), `${key.slice(0, -1)}=`, ` ${key}`])
            expect(isApiKey(bad)).toBe(false);
    });
});
