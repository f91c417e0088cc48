import {EngineError} from "./EngineError.js";

export type SequencePoolOptions<T> = {
    /** The sequences to share; each serves one request at a time. */
    items: readonly T[],

    /** Requests that may wait for a free sequence before new ones are refused with `queue_full`. */
    maxQueue: number,

    /** How many leading tokens of `tokens` an item already holds. */
    sharedPrefixLength(item: T, tokens: readonly number[]): number,

    /** How many tokens an item holds (from its previous request). */
    cachedLength(item: T): number
};

export type SequenceLease<T> = {
    readonly item: T,

    /** Returns the item to the pool; repeat-safe. */
    release(): void
};

type Waiter<T> = {
    tokens: readonly number[],
    resolve(lease: SequenceLease<T>): void,
    reject(error: unknown): void
};

/** A bounded pool of context sequences with a bounded FIFO queue in front of it. */
export class SequencePool<T> {
    private readonly _free: T[];
    private readonly _waiters: Waiter<T>[] = [];
    private readonly _options: SequencePoolOptions<T>;
    private _disposed = false;

    public constructor(options: SequencePoolOptions<T>) {
        this._options = options;
        this._free = [...options.items];
    }

    public get size() {
        return this._options.items.length;
    }

    public get freeCount() {
        return this._free.length;
    }

    public get queuedCount() {
        return this._waiters.length;
    }

    /** Waits for a sequence, preferring one whose cached tokens the request can reuse (see `_takeBest`). */
    public acquire(options: {tokens?: readonly number[], signal?: AbortSignal} = {}): Promise<SequenceLease<T>> {
        const tokens = options.tokens ?? [];
        if (this._disposed)
            return Promise.reject(new EngineError("engine_disposed", "The model is being unloaded."));
        if (options.signal?.aborted)
            return Promise.reject(options.signal.reason);

        if (this._free.length > 0)
            return Promise.resolve(this._lease(this._takeBest(tokens)));

        if (this._waiters.length >= this._options.maxQueue)
            return Promise.reject(new EngineError(
                "queue_full",
                `All ${this.size} sequences are busy and ${this._waiters.length} requests are already waiting. Retry shortly.`
            ));

        return new Promise((resolve, reject) => {
            const waiter: Waiter<T> = {tokens, resolve, reject};
            const onAbort = () => {
                const index = this._waiters.indexOf(waiter);
                if (index >= 0) this._waiters.splice(index, 1);
                reject(options.signal!.reason);
            };
            options.signal?.addEventListener("abort", onAbort, {once: true});
            waiter.resolve = (lease) => {
                options.signal?.removeEventListener("abort", onAbort);
                resolve(lease);
            };
            this._waiters.push(waiter);
        });
    }

    /** Refuses waiting and future requests; sequences in use stay with their holders. */
    public dispose() {
        if (this._disposed) return;
        this._disposed = true;
        for (const waiter of this._waiters.splice(0))
            waiter.reject(new EngineError("engine_disposed", "The model is being unloaded."));
    }

    /**
     * The free item that already holds the longest prefix of `tokens`, provided that prefix is at least half of what
     * the item holds; otherwise an empty item, else the one released longest ago. Without that condition, requests
     * that share only a system prompt would each take the sequence of another conversation and evict it, while an
     * empty sequence sat unused: two interleaved conversations re-evaluated their whole history every turn.
     * (llama-server picks its slots the same way, with `--slot-prompt-similarity` 0.5.)
     */
    private _takeBest(tokens: readonly number[]) {
        let bestIndex = -1;
        let bestLength = 0;
        if (tokens.length > 0)
            for (let i = 0; i < this._free.length; i++) {
                const item = this._free[i]!;
                const length = this._options.sharedPrefixLength(item, tokens);
                if (length > bestLength && length * 2 >= this._options.cachedLength(item)) {
                    bestLength = length;
                    bestIndex = i;
                }
            }
        if (bestIndex < 0) {
            const empty = this._free.findIndex((item) => this._options.cachedLength(item) === 0);
            // Released items join the end of `_free`, so its start holds the least recently used.
            bestIndex = empty >= 0 ? empty : 0;
        }
        return this._free.splice(bestIndex, 1)[0]!;
    }

    private _lease(item: T): SequenceLease<T> {
        let released = false;
        return {
            item,
            release: () => {
                if (released) return;
                released = true;
                const waiter = this._waiters.shift();
                if (waiter != null && !this._disposed) waiter.resolve(this._lease(item));
                else this._free.push(item);
            }
        };
    }
}
