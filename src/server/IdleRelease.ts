/**
 * Calls `release` once the server has had no request open for `afterMs`, and then not again until a request has run:
 * the moment to hand memory back (see `CreateServerOptions.releaseWhenIdle`). The first quiet spell counts from
 * `start()`, so what loading left behind goes too.
 */
export class IdleRelease {
    readonly #afterMs: number;
    readonly #release: () => void;
    #open = 0;
    #timer: NodeJS.Timeout | null = null;
    #stopped = false;

    /** Whether anything ran since the last release: with nothing new to give back, a quiet spell arms nothing. */
    #ranSinceRelease = true;

    constructor(afterMs: number, release: () => void) {
        this.#afterMs = afterMs;
        this.#release = release;
    }

    start() {
        this.#arm();
    }

    opened() {
        this.#open++;
        this.#ranSinceRelease = true;
        this.#disarm();
    }

    closed() {
        this.#open--;
        this.#arm();
    }

    stop() {
        this.#stopped = true;
        this.#disarm();
    }

    #arm() {
        if (this.#stopped || this.#open > 0 || !this.#ranSinceRelease) return;
        this.#disarm();
        this.#timer = setTimeout(() => {
            this.#timer = null;
            this.#ranSinceRelease = false;
            this.#release();
        }, this.#afterMs);
        // A quiet server about to exit needn't wait for it
        this.#timer.unref();
    }

    #disarm() {
        if (this.#timer != null) clearTimeout(this.#timer);
        this.#timer = null;
    }
}
