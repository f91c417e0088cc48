import type {LlamaContextSequence, Token} from "node-llama-cpp";

/**
 * Below this many prompt tokens each choice just reads the prompt itself: a state's round trip costs about as much as
 * reading a short prompt (a threshold chosen, not measured).
 */
const minSharedTokens = 64;

type SavedState = Awaited<ReturnType<LlamaContextSequence["saveStateToMemory"]>>;

/**
 * One prompt's evaluated state, shared by the choices of one request (node-llama-cpp 3.21.1 has no call to copy a
 * sequence's cache to another): the first choice whose sequence doesn't hold the prompt yet evaluates it (all but its
 * last token, which the generator evaluates to read its logits) and copies the sequence's state into memory; the
 * others load that copy instead of reading the prompt again. It lives only while the request runs (`dispose`).
 */
export class SharedPrompt {
    private _saved: Promise<SavedState> | null = null;

    /** Makes `sequence` hold all of `tokens` but the last, the cheapest way it can. */
    public async prepare(sequence: LlamaContextSequence, tokens: readonly Token[]) {
        const prefix = tokens.slice(0, -1);
        if (prefix.length < minSharedTokens) return;
        const held = sequence.compareContextTokens(prefix).firstDifferentIndex;
        if (held >= prefix.length) return;
        if (this._saved == null) {
            this._saved = this._evaluateAndSave(sequence, prefix, held);
            await this._saved;
            return;
        }
        await sequence.loadStateFromMemory(await this._saved, {acceptRisk: true});
    }

    /** Frees the saved state. Repeat-safe. */
    public async dispose() {
        (await this._saved?.catch(() => null))?.dispose();
    }

    private async _evaluateAndSave(sequence: LlamaContextSequence, prefix: readonly Token[], held: number) {
        if (held < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{start: held, end: sequence.nextTokenIndex}]);
        await sequence.evaluateWithoutGeneratingNewTokens(prefix.slice(held) as Token[]);
        return await sequence.saveStateToMemory();
    }
}
