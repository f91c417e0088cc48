import {describe, expect, it} from "vitest";
import {defaultFlashAttention} from "../../src/engine/defaultFlashAttention.js";

describe("defaultFlashAttention", () => {
    it("turns flash attention off for small models on CPU (and models of unknown size)", () => {
        expect(defaultFlashAttention({parameters: 260_000, cpu: true})).toBe(false);
        expect(defaultFlashAttention({parameters: null, cpu: true})).toBe(false);
    });

    it("leaves node-llama-cpp's default for compute-bound models on CPU and for every model on a GPU", () => {
        expect(defaultFlashAttention({parameters: 80_000_000, cpu: true})).toBeUndefined();
        expect(defaultFlashAttention({parameters: 260_000, cpu: false})).toBeUndefined();
    });
});
