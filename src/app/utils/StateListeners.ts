/**
 * Listeners of a state snapshot: each is called only when the snapshot really changed (compared as JSON), and a
 * throwing or rejecting listener is ignored so it can't break the code reporting the change.
 */
export class StateListeners<T> {
    readonly #listeners = new Set<(state: T) => void>();
    #last = "";

    /** Adds `listener`; returns the function that removes it. */
    public add(listener: (state: T) => void): () => void {
        this.#listeners.add(listener);
        return () => {
            this.#listeners.delete(listener);
        };
    }

    public emit(state: T): void {
        const serialized = JSON.stringify(state);
        if (serialized === this.#last) return;
        this.#last = serialized;
        for (const listener of [...this.#listeners]) {
            try {
                const result: unknown = listener(state);
                if (result instanceof Promise) result.catch(() => undefined);
            } catch {
                // a broken listener must not break the core
            }
        }
    }

    public clear(): void {
        this.#listeners.clear();
    }
}
