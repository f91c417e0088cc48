import {readdir} from "node:fs/promises";
import {LlamaCompletion, type LlamaContextSequence} from "node-llama-cpp";
import {describe, expect, it} from "vitest";
import {hasPersistentThreadPool} from "../../src/engine/LlamaEngine.js";
import {useTestContext} from "../support/useTestContext.js";

/**
 * A sequence's state kept in memory and loaded back (`saveStateToMemory` / `loadStateFromMemory`, added by
 * patches/node-llama-cpp+3.21.1.patch): the prompt cache and a request's shared prompt keep states this way. The
 * local build copies them into memory the addon owns; node-llama-cpp's prebuilt binaries, which lack that call, keep
 * each in a private file. Both must give back what the sequence held: the same tokens and the same continuation as
 * the sequence that read the prompt (compared with each other, never with fixed text).
 */
const shared = useTestContext({sequences: 2});

const nativeContext = () => (shared.context as unknown as {_ctx: Record<string, unknown>})._ctx;
const memoryCalls = ["saveSequenceStateToMemory", "loadSequenceStateFromMemory"];

/** Hides the native memory calls while `run` runs, as node-llama-cpp's prebuilt binaries lack them. */
async function withoutMemoryCalls<T>(run: () => Promise<T>) {
    const native = nativeContext();
    for (const name of memoryCalls) Object.defineProperty(native, name, {configurable: true, writable: true, value: undefined});
    try {
        return await run();
    } finally {
        for (const name of memoryCalls) delete native[name];
    }
}

/** The state files the prebuilt binaries' way leaves in its private folder in /dev/shm. */
async function stateFiles() {
    const folders = (await readdir("/dev/shm").catch(() => [])).filter((name) => name.startsWith("node-llama-cpp-state-"));
    return (await Promise.all(folders.map((folder) => readdir(`/dev/shm/${folder}`)))).flat();
}

const prompt = () => shared.context.model.tokenize("Once upon a time, there was a little girl named Lily. She loved to play");
const continuation = (sequence: LlamaContextSequence) => new LlamaCompletion({contextSequence: sequence})
    .generateCompletion(" outside", {maxTokens: 24, temperature: 0});

/** Sequence 0 reads the prompt and saves its state; sequence 1, holding something else, loads it. */
async function roundTrip() {
    const [source, target] = shared.sequences as [LlamaContextSequence, LlamaContextSequence];
    for (const sequence of shared.sequences) await sequence.clearHistory();
    await source.evaluateWithoutGeneratingNewTokens(prompt());
    const state = await source.saveStateToMemory();
    await target.evaluateWithoutGeneratingNewTokens(shared.context.model.tokenize("The dog ran"));
    await target.loadStateFromMemory(state, {acceptRisk: true});
    return {state, source, target};
}

describe("sequence states in memory", () => {
    it("the native calls are in the local build only", () => {
        for (const name of memoryCalls)
            expect(typeof nativeContext()[name]).toBe(hasPersistentThreadPool(shared.llama) ? "function" : "undefined");
    });

    for (const mode of ["native", "through a file"] as const)
        it(`${mode}: another sequence loads what one saved, with its tokens and the same continuation`, async () => {
            const {state, source, target} = mode === "native" ? await roundTrip() : await withoutMemoryCalls(roundTrip);
            try {
                expect(state.tokens).toEqual(prompt());
                // ≈ 0.6 KiB a token on stories260K
                expect(state.byteLength).toBeGreaterThan(prompt().length * 256);
                expect(target.contextTokens).toEqual(state.tokens);
                expect(target.nextTokenIndex).toBe(state.tokens.length);
                const [fromSource, fromTarget] = await Promise.all([continuation(source), continuation(target)]);
                expect(fromTarget).toBe(fromSource);
            } finally {
                state.dispose();
            }
        });

    it("writes no file in the local build; through a file, deletes it with the state", async () => {
        const before = await stateFiles();
        const native = await roundTrip();
        expect(await stateFiles()).toEqual(before);
        native.state.dispose();
        const {state} = await withoutMemoryCalls(roundTrip);
        expect((await stateFiles()).length).toBe(before.length + 1);
        state.dispose();
        expect(await stateFiles()).toEqual(before);
    });

    for (const mode of ["native", "through a file"] as const)
        it(`${mode}: a disposed state, or one longer than the context, is refused and leaves the sequence consistent`, async () => {
            const run = async () => {
                const {state, target} = await roundTrip();
                const tooLong = Object.assign(Object.create(Object.getPrototypeOf(state)), state,
                    {tokens: Array.from({length: target.contextSize + 1}, () => state.tokens[0]!)}) as typeof state;
                await expect(target.loadStateFromMemory(tooLong, {acceptRisk: true})).rejects.toThrow(/too large/);
                expect(target.contextTokens).toEqual(state.tokens);
                state.dispose();
                state.dispose();
                expect(state.byteLength).toBe(0);
                await expect(target.loadStateFromMemory(state, {acceptRisk: true})).rejects.toThrow();
                expect(target.contextTokens).toEqual([]);
                expect(target.nextTokenIndex).toBe(0);
                // Empty for real: reading the prompt again gives what the source sequence gives
                await target.evaluateWithoutGeneratingNewTokens(prompt());
                const [fromSource, fromTarget] = await Promise.all([continuation(shared.sequences[0]!), continuation(target)]);
                expect(fromTarget).toBe(fromSource);
            };
            await (mode === "native" ? run() : withoutMemoryCalls(run));
        });
});
