import {PassThrough} from "node:stream";

/**
 * Server-sent events as OpenAI sends them: `data: <json>` per event, `data: [DONE]` at the end.
 *
 * Events are written to the socket one event-loop turn after they are sent, not at once: a token arrives, the
 * generator queues the next decode (node-llama-cpp dispatches it with `setImmediate`), and only then does the write
 * run, on the JS thread, while llama.cpp decodes the next token on its worker thread. Written at once, every token's
 * socket write sat between two decodes. Events that pile up meanwhile go out in one write.
 */
export class EventStreamWriter {
    public readonly stream = new PassThrough();
    private _pending = "";
    private _flushScheduled = false;

    public send(data: unknown) {
        if (this.stream.writableEnded || this.stream.destroyed) return;
        this._pending += `data: ${JSON.stringify(data)}\n\n`;
        if (this._flushScheduled) return;
        this._flushScheduled = true;
        // Two turns of setImmediate: the first is queued ahead of node-llama-cpp's dispatch; the second runs after it.
        setImmediate(() => setImmediate(() => this._flush()));
    }

    public done() {
        this._end("data: [DONE]\n\n");
    }

    /** Ends the stream with an error event, for failures after the 200 has been sent. */
    public fail(errorBody: unknown) {
        this._end(`data: ${JSON.stringify(errorBody)}\n\n`);
    }

    private _end(last: string) {
        if (this.stream.writableEnded || this.stream.destroyed) return;
        const pending = this._pending;
        this._pending = "";
        this.stream.end(pending + last);
    }

    private _flush() {
        this._flushScheduled = false;
        if (this._pending === "" || this.stream.writableEnded || this.stream.destroyed) return;
        const pending = this._pending;
        this._pending = "";
        this.stream.write(pending);
    }
}
