import {rm} from "node:fs/promises";
import path from "node:path";
import type {LlamaContextSequence, Token} from "node-llama-cpp";
import {createStateFolder} from "../utils/createStateFolder.js";

/**
 * Below this many prompt tokens each choice just reads the prompt itself: a state file round trip costs about as
 * much as reading a short prompt (a threshold chosen, not measured).
 */
const minSharedTokens = 64;

/**
 * One prompt's evaluated state, shared by the choices of one request (node-llama-cpp 3.21.1 has no call to copy a
 * sequence's cache to another): the first choice whose sequence doesn't hold the prompt yet evaluates it (all but its
 * last token, which the generator evaluates to read its logits) and saves the sequence's state; the others load it
 * instead of reading the prompt again. The file holds the user's prompt: it lives in a private 0700 folder, in RAM
 * (/dev/shm) where there is one, only while the request runs.
 */
export class SharedPrompt {
    private _saved: Promise<string> | null = null;
    private _folder: Promise<string> | null = null;

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
        await sequence.loadStateFromFile(await this._saved, {acceptRisk: true});
    }

    /** Deletes the state file. Repeat-safe. */
    public async dispose() {
        const folder = await this._folder?.catch(() => null);
        this._folder = null;
        if (folder != null) await rm(folder, {recursive: true, force: true});
    }

    private async _evaluateAndSave(sequence: LlamaContextSequence, prefix: readonly Token[], held: number) {
        if (held < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{start: held, end: sequence.nextTokenIndex}]);
        await sequence.evaluateWithoutGeneratingNewTokens(prefix.slice(held) as Token[]);
        this._folder ??= createStateFolder("tholos-prompt-");
        const file = path.join(await this._folder, "prompt.state");
        await sequence.saveStateToFile(file);
        return file;
    }
}
