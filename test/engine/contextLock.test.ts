import {isLockActive} from "lifecycle-utils";
import {describe, expect, it} from "vitest";
import {useTestContext} from "../support/useTestContext.js";

/**
 * A sequence's own work under the context lock (erasing its old tokens for a new prompt, saving or loading its state)
 * waits for one batch, not until the batch loop has nothing left to decode (patches/node-llama-cpp+3.21.1.patch: the
 * loop lets lock waiters in between two batches). Without it, in the server a request that took a used sequence
 * waited for every other stream to finish. Checked by which finishes first, not timed.
 */
// Small batches: a long prompt stays in the loop's queue for dozens of batches, so the loop never runs dry while it is
// read.
const shared = useTestContext({sequences: 2, batchSize: 8});

/** Sequence 0 reads a 600-token prompt (75 batches); resolves to the order in which it and `work` finished. */
async function alongsideLongRead(work: () => Promise<unknown>) {
    const order: string[] = [];
    const abc = shared.context.model.tokenize(" a b c");
    const prompt = Array.from({length: 600}, (_, index) => abc[index % 3]!);
    const reading = shared.sequences[0]!.evaluateWithoutGeneratingNewTokens(prompt).then(() => order.push("long read"));
    // Once the batch loop is under way with the long prompt (it holds node-llama-cpp's context lock while it runs).
    while (!isLockActive([shared.context, "context"])) await new Promise((resolve) => setImmediate(resolve));
    await work();
    order.push("work");
    await reading;
    return order;
}

describe("the context lock while another sequence decodes", () => {
    it("lets a sequence erase its tokens for a new prompt between two batches", async () => {
        const sequence = shared.sequences[1]!;
        await sequence.evaluateWithoutGeneratingNewTokens(shared.context.model.tokenize("The cat sat on the mat and looked at the dog"));
        const order = await alongsideLongRead(() => sequence.eraseContextTokenRanges([{start: 2, end: sequence.nextTokenIndex}]));
        expect(order).toEqual(["work", "long read"]);
        expect(sequence.nextTokenIndex).toBe(2);
    });

    it("lets a sequence save its state between two batches", async () => {
        for (const sequence of shared.sequences) await sequence.clearHistory();
        await shared.sequences[1]!.evaluateWithoutGeneratingNewTokens(shared.context.model.tokenize("The cat sat on the mat"));
        const order = await alongsideLongRead(() => shared.sequences[1]!.saveStateToMemory());
        expect(order).toEqual(["work", "long read"]);
    });

    it("lets a sequence load a saved state between two batches", async () => {
        for (const sequence of shared.sequences) await sequence.clearHistory();
        await shared.sequences[1]!.evaluateWithoutGeneratingNewTokens(shared.context.model.tokenize("The cat sat on the mat"));
        const saved = await shared.sequences[1]!.saveStateToMemory();
        await shared.sequences[1]!.clearHistory();
        const order = await alongsideLongRead(() => shared.sequences[1]!.loadStateFromMemory(saved, {acceptRisk: true}));
        expect(order).toEqual(["work", "long read"]);
        expect(shared.sequences[1]!.contextTokens).toEqual(saved.tokens);
    });
});
