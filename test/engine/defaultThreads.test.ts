import {describe, expect, it} from "vitest";
import {defaultThreads} from "../../src/engine/defaultThreads.js";

describe("defaultThreads", () => {
    it.each([[1, 1], [2, 1], [3, 2], [4, 3], [8, 7], [9, 8], [16, 8], [128, 8]])("uses %i cores as %i threads", (cores, threads) => {
        expect(defaultThreads(cores)).toBe(threads);
    });

    it("reads this machine's cores by default", () => {
        expect(defaultThreads()).toBeGreaterThanOrEqual(1);
        expect(defaultThreads()).toBeLessThanOrEqual(8);
    });
});
