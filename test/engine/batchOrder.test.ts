import {LlamaCompletion} from "node-llama-cpp";
import {describe, expect, it} from "vitest";
import {useTestContext} from "../support/useTestContext.js";

/**
 * Every batch holds its sequences' tokens in sequence order (patches/node-llama-cpp+3.21.1.patch). With a KV cache per
 * sequence, llama.cpp puts sequences in one ubatch only while their ids rise by one in batch order, so four
 * generations queued as 3, 0, 1, 2 ran each decode as two ubatches, two passes over the weights (docs/performance.md).
 * Checked on the binding's calls: the sequence of each token added to each batch.
 */
type NativeContext = {
    initBatch(size: number): void,
    addToBatch(sequenceId: number, ...rest: unknown[]): unknown
};

const shared = useTestContext({sequences: 4});

/** The sequence ids of each batch's items, in the order they were added, while `run` runs. */
async function recordBatches(run: () => Promise<unknown>) {
    const native = (shared.context as unknown as {_ctx: NativeContext})._ctx;
    const prototype = Object.getPrototypeOf(native) as NativeContext;
    const batches: number[][] = [];
    const wrap = <K extends keyof NativeContext>(name: K, value: NativeContext[K]) =>
        Object.defineProperty(native, name, {configurable: true, writable: true, value});
    wrap("initBatch", (size) => {
        batches.push([]);
        prototype.initBatch.call(native, size);
    });
    wrap("addToBatch", (sequenceId, ...rest) => {
        batches.at(-1)!.push(sequenceId);
        return prototype.addToBatch.call(native, sequenceId, ...rest);
    });
    try {
        await run();
    } finally {
        delete (native as Partial<NativeContext>).initBatch;
        delete (native as Partial<NativeContext>).addToBatch;
    }
    return batches;
}

describe("batches of concurrent generations", () => {
    it("adds the sequences of generations queued as 3, 0, 1, 2 to each batch in id order", async () => {
        const order = [3, 0, 1, 2];
        const batches = await recordBatches(() => Promise.all(order.map((index) =>
            new LlamaCompletion({contextSequence: shared.sequences[index]!}).generateCompletion(`Lily had ${index} red balls`, {maxTokens: 16, temperature: 0}))));

        const ids = order.map((index) => (shared.sequences[index] as unknown as {_sequenceId: number})._sequenceId);
        expect(batches.some((batch) => ids.every((id) => batch.includes(id)))).toBe(true);
        for (const batch of batches)
            expect(batch).toEqual([...batch].sort((a, b) => a - b));
    });
});
