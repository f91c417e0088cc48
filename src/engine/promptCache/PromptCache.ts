import type {LlamaContextSequence, Token} from "node-llama-cpp";
import {sharedPrefixLength} from "./utils/sharedPrefixLength.js";

/**
 * Fewest tokens worth a saved state, and fewest more tokens a restore must bring than the sequence already holds.
 * Not a matter of time: on this 2-core box (while busy) saving a state took 0.3–8 ms and loading one 0.3–4 ms on
 * stories260K for 32–1024 tokens (evaluating them: 25–660 ms), 6–56 ms and 3–24 ms on the 80M bench model (33 KiB a
 * token; evaluating: seconds), through files then, which took twice as long as the copies in memory now; so a
 * restore always beats reading the prompt again. It is about room: short entries would crowd the cache with states
 * any sequence rebuilds in a few milliseconds.
 */
const defaultMinTokens = 64;

export type PromptCacheOptions = {
    /** Bytes of saved states kept at most (least recently used ones go first). Must be > 0. */
    maxBytes: number,

    /** Fewest tokens a state must hold to be saved, and fewest a restore must add. Default 64 (see `defaultMinTokens`). */
    minTokens?: number
};

export type PromptCacheStats = {
    /** Saved states held. */
    entries: number,

    /** Their bytes together; never more than `maxBytes`. */
    bytes: number,
    maxBytes: number
};

type SavedState = Awaited<ReturnType<LlamaContextSequence["saveStateToMemory"]>>;

type Entry = {
    /** The tokens the state holds, in order, and the state. */
    readonly saved: SavedState,
    readonly bytes: number,

    /** Restores under way: an entry being read is never evicted. */
    pins: number
};

/**
 * Sequence states kept in RAM past their sequences, as llama-server's `--cache-ram` keeps its slots' prompts: when a
 * request takes a sequence whose contents it would overwrite, those contents are saved first; when a request's prompt
 * starts with more of a saved state than its sequence holds, that state is loaded into the sequence, so only the rest
 * of the prompt is read. The states are copies in this process's memory (`saveStateToMemory`, the engine patch's;
 * node-llama-cpp 3.21.1 saves and loads them only through files), as llama-server keeps its cache: nothing of a
 * user's prompt is written anywhere, and an evicted state is freed at once. (With node-llama-cpp's prebuilt binaries,
 * which lack the patch's native copy, the patch keeps each state in a private file in /dev/shm instead.)
 */
export class PromptCache {
    private readonly _maxBytes: number;
    private readonly _minTokens: number;

    /** Least recently used first. */
    private readonly _entries = new Set<Entry>();
    private _bytes = 0;

    /** Bytes a saved token took last time: a save that couldn't fit isn't attempted. */
    private _bytesPerToken = 0;
    private readonly _running = new Set<Promise<unknown>>();
    private _disposed = false;

    public constructor(options: PromptCacheOptions) {
        this._maxBytes = options.maxBytes;
        this._minTokens = options.minTokens ?? defaultMinTokens;
    }

    public get stats(): PromptCacheStats {
        return {entries: this._entries.size, bytes: this._bytes, maxBytes: this._maxBytes};
    }

    /**
     * Readies a leased `sequence` for a request whose prompt is `tokens`: saves what the request would overwrite
     * (when it is worth keeping), and loads the saved state sharing the longest prefix with `tokens` when that is
     * longer than what the sequence holds. Never fails the request over the cache: a save or load that fails (memory
     * that runs out, say) leaves the request to read its prompt as it would without one.
     */
    public async prepare(sequence: LlamaContextSequence, tokens: readonly Token[]): Promise<void> {
        if (this._disposed) return;
        await this._track(this._prepare(sequence, tokens));
    }

    /** Drops every state once the saves and loads under way are done; later `prepare` calls do nothing. Repeat-safe. */
    public async dispose() {
        if (this._disposed) return;
        this._disposed = true;
        while (this._running.size > 0) await Promise.allSettled([...this._running]);
        for (const entry of this._entries) entry.saved.dispose();
        this._entries.clear();
        this._bytes = 0;
    }

    private async _prepare(sequence: LlamaContextSequence, tokens: readonly Token[]) {
        const held = sequence.compareContextTokens(tokens as Token[]).firstDifferentIndex;
        const best = this._longestMatch(tokens);
        if (best != null && best.length >= held + this._minTokens) {
            best.entry.pins++;
            try {
                // Loading replaces all the sequence holds.
                await this._save(sequence);
                if (!this._disposed) await this._load(sequence, best.entry);
            } finally {
                best.entry.pins--;
            }
            return;
        }
        // The request keeps the first `held` tokens and overwrites the rest.
        if (sequence.nextTokenIndex - held >= this._minTokens) await this._save(sequence);
    }

    private _longestMatch(tokens: readonly Token[]) {
        let best: {entry: Entry, length: number} | null = null;
        for (const entry of this._entries) {
            const length = sharedPrefixLength(entry.saved.tokens, tokens);
            if (length > (best?.length ?? 0)) best = {entry, length};
        }
        return best;
    }

    /** Keeps what `sequence` holds, unless too short, already kept, or too big for the cache. */
    private async _save(sequence: LlamaContextSequence) {
        const tokens = sequence.contextTokens;
        if (tokens.length < this._minTokens || this._disposed) return;
        for (const entry of this._entries)
            if (entry.saved.tokens.length >= tokens.length && sharedPrefixLength(entry.saved.tokens, tokens) === tokens.length) {
                this._touch(entry);
                return;
            }
        const estimate = tokens.length * this._bytesPerToken;
        if (estimate > this._maxBytes || !this._evict(estimate)) return;

        let saved: SavedState;
        try {
            saved = await sequence.saveStateToMemory();
        } catch {
            return;
        }
        const bytes = saved.byteLength;
        this._bytesPerToken = bytes / saved.tokens.length;
        // A state this one extends is no longer needed: this one restores all of it.
        for (const entry of this._entries)
            if (entry.pins === 0 && entry.saved.tokens.length <= saved.tokens.length &&
                sharedPrefixLength(entry.saved.tokens, saved.tokens) === entry.saved.tokens.length)
                this._remove(entry);
        if (this._disposed || !this._evict(bytes)) {
            saved.dispose();
            return;
        }
        this._entries.add({saved, bytes, pins: 0});
        this._bytes += bytes;
    }

    private async _load(sequence: LlamaContextSequence, entry: Entry) {
        try {
            await sequence.loadStateFromMemory(entry.saved, {acceptRisk: true});
            this._touch(entry);
        } catch {
            // A failed load leaves the sequence empty: the request reads its whole prompt.
            this._remove(entry);
        }
    }

    /** Evicts least recently used states until `bytes` more fit; `false` if they can't (too big, or the rest in use). */
    private _evict(bytes: number) {
        for (const entry of this._entries) {
            if (this._bytes + bytes <= this._maxBytes) break;
            if (entry.pins === 0) this._remove(entry);
        }
        return this._bytes + bytes <= this._maxBytes;
    }

    private _touch(entry: Entry) {
        this._entries.delete(entry);
        this._entries.add(entry);
    }

    private _remove(entry: Entry) {
        if (!this._entries.delete(entry)) return;
        this._bytes -= entry.bytes;
        entry.saved.dispose();
    }

    private _track<T>(work: Promise<T>): Promise<T> {
        this._running.add(work);
        const forget = () => this._running.delete(work);
        work.then(forget, forget);
        return work;
    }
}
