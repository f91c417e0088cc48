import {rm} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {getLlama, type Llama, type LlamaContext, type LlamaContextSequence} from "node-llama-cpp";
import {isLockActive} from "lifecycle-utils";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {testModelPath} from "../support/testModelPath.js";

/**
 * A sequence's own work under the context lock (erasing its old tokens for a new prompt, saving or loading its state)
 * waits for one batch, not until the batch loop has nothing left to decode (patches/node-llama-cpp+3.21.1.patch: the
 * loop lets lock waiters in between two batches). Without it, in the server a request that took a used sequence
 * waited for every other stream to finish. Checked by which finishes first, not timed.
 */
let llama: Llama;
let context: LlamaContext;
let sequences: LlamaContextSequence[];
beforeAll(async () => {
    llama = await getLlama({gpu: false, build: "never", progressLogs: false});
    const model = await llama.loadModel({modelPath: await testModelPath()});
    // Small batches: a long prompt stays in the loop's queue for dozens of batches, so the loop never runs dry while
    // it is read.
    context = await model.createContext({contextSize: 1024, sequences: 2, threads: 1, batchSize: 8});
    sequences = [context.getSequence(), context.getSequence()];
});
afterAll(async () => {
    await context?.model.dispose();
    await llama?.dispose();
});

/** Sequence 0 reads a 600-token prompt (75 batches); resolves to the order in which it and `work` finished. */
async function alongsideLongRead(work: () => Promise<unknown>) {
    const order: string[] = [];
    const prompt = Array.from({length: 600}, (_, index) => context.model.tokenize(" a b c")[index % 3]!);
    const reading = sequences[0]!.evaluateWithoutGeneratingNewTokens(prompt).then(() => order.push("long read"));
    // Once the batch loop is under way with the long prompt (it holds node-llama-cpp's context lock while it runs).
    while (!isLockActive([context, "context"])) await new Promise((resolve) => setImmediate(resolve));
    await work();
    order.push("work");
    await reading;
    return order;
}

describe("the context lock while another sequence decodes", () => {
    it("lets a sequence erase its tokens for a new prompt between two batches", async () => {
        await sequences[1]!.evaluateWithoutGeneratingNewTokens(context.model.tokenize("The cat sat on the mat and looked at the dog"));
        const order = await alongsideLongRead(() => sequences[1]!.eraseContextTokenRanges([{start: 2, end: sequences[1]!.nextTokenIndex}]));
        expect(order).toEqual(["work", "long read"]);
        expect(sequences[1]!.nextTokenIndex).toBe(2);
    });

    it("lets a sequence save its state between two batches", async () => {
        for (const sequence of sequences) await sequence.clearHistory();
        await sequences[1]!.evaluateWithoutGeneratingNewTokens(context.model.tokenize("The cat sat on the mat"));
        const file = path.join(os.tmpdir(), `tholos-context-lock-${process.pid}.state`);
        try {
            const order = await alongsideLongRead(() => sequences[1]!.saveStateToFile(file));
            expect(order).toEqual(["work", "long read"]);
        } finally {
            await rm(file, {force: true});
        }
    });
});
