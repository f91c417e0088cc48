import {LlamaCompletion} from "node-llama-cpp";
import {describe, expect, it} from "vitest";
import {useTestContext} from "../support/useTestContext.js";

/**
 * How the batch loop (patches/node-llama-cpp+3.21.1.patch) fills batches for concurrent generations: in sequence order,
 * since with a KV cache per sequence llama.cpp puts sequences in one ubatch only while their ids rise by one in batch
 * order (four generations queued as 3, 0, 1, 2 ran each decode as two ubatches); and with all of them, not in groups
 * that take turns, when a new prompt arrives mid-decode (docs/performance.md). Checked on the binding's calls: the
 * sequence of each token added to each batch.
 */
type NativeContext = {
    initBatch(size: number): void,
    addToBatch(sequenceId: number, ...rest: unknown[]): unknown
};

const shared = useTestContext({sequences: 4});

const nativeContext = () => (shared.context as unknown as {_ctx: NativeContext})._ctx;

/** Shadows one of the native context's methods until `delete`d from it. */
function wrapNative<K extends string>(name: K, value: (...args: never[]) => unknown) {
    Object.defineProperty(nativeContext(), name, {configurable: true, writable: true, value});
}

const complete = (index: number, maxTokens: number) => new LlamaCompletion({contextSequence: shared.sequences[index]!})
    .generateCompletion(`Lily had ${index} red balls`, {maxTokens, temperature: 0});

/** The sequence ids of each batch's items, in the order they were added, while `run` runs. */
async function recordBatches(run: () => Promise<unknown>) {
    const native = nativeContext();
    const prototype = Object.getPrototypeOf(native) as NativeContext;
    const batches: number[][] = [];
    wrapNative("initBatch", (size: number) => {
        batches.push([]);
        prototype.initBatch.call(native, size);
    });
    wrapNative("addToBatch", (sequenceId: number, ...rest: unknown[]) => {
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
        const batches = await recordBatches(() => Promise.all(order.map((index) => complete(index, 16))));

        const ids = order.map((index) => (shared.sequences[index] as unknown as {_sequenceId: number})._sequenceId);
        expect(batches.some((batch) => ids.every((id) => batch.includes(id)))).toBe(true);
        for (const batch of batches)
            expect(batch).toEqual([...batch].sort((a, b) => a - b));
    });
});

describe("batches of a generation that joins others", () => {
    it("hold every generating sequence instead of groups that take turns", async () => {
        for (const sequence of shared.sequences) await sequence.clearHistory();
        const native = nativeContext() as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
        // The local build decodes (and samples) in decodeBatchAndSample; node-llama-cpp's prebuilt binaries in decodeBatch.
        const method = "decodeBatchAndSample" in native ? "decodeBatchAndSample" : "decodeBatch";
        const decode = Object.getPrototypeOf(native)[method] as (...args: unknown[]) => Promise<unknown>;
        let decodes = 0;
        let joined: Promise<unknown> | null = null;
        const batches = await recordBatches(async () => {
            // The fourth prompt arrives while a decode of the other three is running, as a request does in the server.
            wrapNative(method, (...args: unknown[]) => {
                if (++decodes === 10) joined = complete(3, 40);
                return decode.call(native, ...args);
            });
            try {
                await Promise.all([0, 1, 2].map((index) => complete(index, 80)));
                await joined;
            } finally {
                delete native[method];
            }
        });
        // From the batch that holds the fourth prompt on, every batch should carry all four while they all generate;
        // groups taking turns ([3], then [0, 1, 2]) would make every other batch hold one.
        const start = batches.findIndex((batch) => batch.includes(3));
        const together = batches.slice(start + 1, start + 31);
        expect(together.filter((batch) => batch.length === 4).length).toBeGreaterThanOrEqual(28);
    });
});
