import {PassThrough} from "node:stream";

/** Server-sent events as OpenAI sends them: `data: <json>` per event, `data: [DONE]` at the end. */
export class EventStreamWriter {
    public readonly stream = new PassThrough();

    public send(data: unknown) {
        if (!this.stream.writableEnded) this.stream.write(`data: ${JSON.stringify(data)}\n\n`);
    }

    public done() {
        if (!this.stream.writableEnded) this.stream.end("data: [DONE]\n\n");
    }

    /** Ends the stream with an error event, for failures after the 200 has been sent. */
    public fail(errorBody: unknown) {
        if (!this.stream.writableEnded) this.stream.end(`data: ${JSON.stringify(errorBody)}\n\n`);
    }
}
