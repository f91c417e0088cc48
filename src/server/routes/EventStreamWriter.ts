import {PassThrough} from "node:stream";

/**
 * Server-sent events as OpenAI sends them. Framing `data` (Chat Completions, Completions): `data: <json>` per event,
 * `data: [DONE]` at the end. Framing `event` (Responses): `event: <its type>` before each `data: <json>`, nothing after
 * the last.
 *
 * Events are written to the socket one event-loop turn after they are sent, not at once: a token arrives, the
 * generator queues the next decode (node-llama-cpp dispatches it with `setImmediate`), and only then does the write
 * run, on the JS thread, while llama.cpp decodes the next token on its worker thread. Written at once, every token's
 * socket write sat between two decodes. Events that pile up meanwhile go out in one write.
 */
export class EventStreamWriter {
    public readonly stream = new PassThrough();
    private readonly _framing: "data" | "event";
    private _pending = "";
    private _flushScheduled = false;

    public constructor(framing: "data" | "event" = "data") {
        this._framing = framing;
    }

    public send(data: unknown) {
        if (this.stream.writableEnded || this.stream.destroyed) return;
        this._pending += this._frame(data);
        if (this._flushScheduled) return;
        this._flushScheduled = true;
        // Two turns of setImmediate: the first is queued ahead of node-llama-cpp's dispatch; the second runs after it.
        setImmediate(() => setImmediate(() => this._flush()));
    }

    public done() {
        this._end(this._framing === "data" ? "data: [DONE]\n\n" : "");
    }

    /** Ends the stream with an error event, for failures after the 200 has been sent. */
    public fail(errorEvent: unknown) {
        this._end(this._frame(errorEvent));
    }

    private _frame(data: unknown) {
        const json = JSON.stringify(data);
        return this._framing === "data" ? `data: ${json}\n\n` : `event: ${(data as {type: string}).type}\ndata: ${json}\n\n`;
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
