/**
 * Calls `onQuiet` each time `intervalMs` pass with no `touch()`, from `start()` to `stop()`: a stream's keep-alive.
 * A touch only notes the time (it runs once per token), and one interval timer does the checking.
 */
export class QuietTimer {
    readonly #intervalMs: number;
    readonly #onQuiet: () => void;
    #last = 0;
    #timer: NodeJS.Timeout | null = null;

    constructor(intervalMs: number, onQuiet: () => void) {
        this.#intervalMs = intervalMs;
        this.#onQuiet = onQuiet;
    }

    touch() {
        this.#last = performance.now();
    }

    start() {
        this.touch();
        this.#timer ??= setInterval(() => {
            if (performance.now() - this.#last < this.#intervalMs) return;
            this.#onQuiet();
            this.touch();
        }, this.#intervalMs);
    }

    stop() {
        if (this.#timer != null) clearInterval(this.#timer);
        this.#timer = null;
    }
}
