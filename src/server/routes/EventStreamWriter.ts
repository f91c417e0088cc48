import {PassThrough} from "node:stream";

/**
 * Server-sent events as OpenAI sends them. Framing `data` (Chat Completions, Completions): `data: <json>` per event,
 * `data: [DONE]` at the end. Framing `event` (Responses): `event: <its type>` before each `data: <json>`, nothing after
 * the last.
 *
 * Each event is written to the socket at once, before the generator queues the next decode. Deferring the write until
 * that decode ran (so the write overlapped it) slowed the decode itself: the write, the loopback's work and the
 * client waking took a core from llama.cpp's threads mid-graph, and four bench-80m streams ran at 0.66× llama-server
 * against 0.92× written at once, with no difference on stories260K (docs/performance.md).
 */
export class EventStreamWriter {
    public readonly stream = new PassThrough();
    private readonly _framing: "data" | "event";

    public constructor(framing: "data" | "event" = "data") {
        this._framing = framing;
    }

    public send(data: unknown) {
        if (this.stream.writableEnded || this.stream.destroyed) return;
        this.stream.write(this._frame(data));
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
        this.stream.end(last);
    }
}
