import {LlamaCompletion} from "node-llama-cpp";
import {describe, expect, it} from "vitest";
import {hasPersistentThreadPool} from "../../src/engine/LlamaEngine.js";
import {useTestContext} from "../support/useTestContext.js";

/**
 * The engine built from source (patches/node-llama-cpp+3.21.1.patch) samples each generating sequence's next token in
 * the decode's own native call (`decodeBatchAndSample`), so concurrent generations share every decode
 * (docs/performance.md). Counted on the binding's calls, not timed.
 */
type NativeContext = {decodeBatchAndSample?: (indexes: Int32Array, samplers: unknown[]) => Promise<Int32Array>};

const shared = useTestContext({sequences: 4});

const nativeContext = () => (shared.context as unknown as {_ctx: NativeContext})._ctx;

/** Counts the tokens each decodeBatchAndSample call samples, or hides the method (node-llama-cpp's own path). */
function instrument(mode: "count" | "hide") {
    const native = nativeContext();
    const original = Object.getPrototypeOf(native).decodeBatchAndSample as NativeContext["decodeBatchAndSample"];
    const counts: number[] = [];
    Object.defineProperty(native, "decodeBatchAndSample", {
        configurable: true,
        writable: true,
        value: mode === "hide"
            ? undefined
            : (indexes: Int32Array, samplers: unknown[]) => {
                counts.push(indexes.length);
                return original!.call(native, indexes, samplers);
            }
    });
    return {counts, restore: () => delete (native as Record<string, unknown>).decodeBatchAndSample};
}

const complete = (sequence: number, prompt: string) => new LlamaCompletion({contextSequence: shared.sequences[sequence]!})
    .generateCompletion(prompt, {maxTokens: 24, temperature: 0});

describe("sampling in the decode", () => {
    it("is in the local build only", () => {
        expect(typeof nativeContext().decodeBatchAndSample).toBe(hasPersistentThreadPool(shared.llama) ? "function" : "undefined");
    });

    it.runIf(process.platform === "linux")("puts four concurrent generations' tokens in the same decodes, with the text node-llama-cpp's own path writes", async () => {
        if (!hasPersistentThreadPool(shared.llama)) return;
        const hidden = instrument("hide");
        const before = await complete(0, "Once upon a time");
        hidden.restore();
        await shared.sequences[0]!.clearHistory();

        const counted = instrument("count");
        const [after] = await Promise.all([complete(0, "Once upon a time"), ...[1, 2, 3].map((i) => complete(i, `Lily had a ${i}`))]);
        counted.restore();

        expect(after).toBe(before);
        const tokens = counted.counts.reduce((sum, count) => sum + count, 0);
        expect(tokens).toBeGreaterThanOrEqual(4 * 20);
        // Each generation queues its next token as soon as it has the last one, so nearly every decode carries all four
        expect(tokens / counted.counts.length).toBeGreaterThan(3);
    });
});
