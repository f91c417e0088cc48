import {setMaxListeners} from "node:events";
import {ApiError} from "./ApiError.js";

/**
 * The span in which a server answers. Stopping it aborts every running generation with `server_stopping`, so open
 * streams end with an OpenAI error event instead of a cut connection, and waits (briefly) for them to flush.
 */
export class ServerLifetime {
    private readonly _controller = new AbortController();
    private readonly _streams = new Set<Promise<unknown>>();

    public constructor() {
        // Every open request listens to `signal` until its response closes (abortOnClientClose): dozens at once is
        // normal, not the leak Node's 10-listener warning assumes.
        setMaxListeners(Infinity, this._controller.signal);
    }

    public get signal(): AbortSignal {
        return this._controller.signal;
    }

    /** Counts a stream as open until `done` settles. */
    public track(done: Promise<unknown>) {
        const settled = done.then(() => undefined, () => undefined);
        this._streams.add(settled);
        void settled.then(() => this._streams.delete(settled));
    }

    /** Aborts running generations and waits up to `graceMs` (default 1000) for their streams to end. */
    public async stop(graceMs = 1000) {
        this._controller.abort(new ApiError("server_stopping",
            "The Local API Server is stopping (it was turned off, or its model was unloaded). Retry once it is running again."));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
            Promise.all(this._streams),
            new Promise((resolve) => timer = setTimeout(resolve, graceMs))
        ]);
        clearTimeout(timer);
    }
}
