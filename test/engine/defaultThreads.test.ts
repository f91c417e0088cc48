import {describe, expect, it} from "vitest";
import {defaultThreads} from "../../src/engine/defaultThreads.js";

describe("defaultThreads", () => {
    it.each([[1, 1], [2, 1], [3, 2], [4, 3], [8, 7], [9, 8], [16, 8], [128, 8]])("gives a small model on %i cores %i threads (prebuilt binaries)", (cores, threads) => {
        expect(defaultThreads(260_000, false, cores)).toBe(threads);
        expect(defaultThreads(null, false, cores)).toBe(threads);
    });

    it.each([[1, 1], [2, 2], [3, 2], [4, 3], [16, 8]])("gives a compute-bound model (≥ 50M parameters) on %i cores %i threads", (cores, threads) => {
        expect(defaultThreads(80_000_000, false, cores)).toBe(threads);
        expect(defaultThreads(80_000_000, true, cores)).toBe(threads);
    });

    it.each([[1, 1], [2, 2], [3, 2], [16, 8]])("gives any model on %i cores %i threads when the thread pool persists (local build)", (cores, threads) => {
        expect(defaultThreads(260_000, true, cores)).toBe(threads);
    });

    it("reads this machine's cores by default", () => {
        expect(defaultThreads(null)).toBeGreaterThanOrEqual(1);
        expect(defaultThreads(null)).toBeLessThanOrEqual(8);
    });
});
