import type {FastifyReply} from "fastify";
import type {Readable} from "node:stream";
import {EventStreamWriter} from "./EventStreamWriter.js";
import {toApiError} from "../toApiError.js";

/**
 * Starts a streamed generation and resolves with the event stream once the generation has begun. Failures before
 * that (bad input, unknown model, a full queue) reject, so the client gets a real 4xx status; failures after the
 * 200 is sent end the stream with an OpenAI error event; a client that left just gets its stream torn down.
 */
export function openEventStream(
    reply: FastifyReply, signal: AbortSignal,
    generate: (events: EventStreamWriter, onStart: () => void) => Promise<void>
): Promise<Readable> {
    const events = new EventStreamWriter();
    return new Promise((resolve, reject) => {
        let started = false;
        const onStart = () => {
            if (started) return;
            started = true;
            reply.header("content-type", "text/event-stream; charset=utf-8")
                .header("cache-control", "no-cache")
                .header("x-accel-buffering", "no");
            resolve(events.stream);
        };
        generate(events, onStart).then(
            () => events.done(),
            (error: unknown) => {
                if (!started) return reject(error);
                if (signal.aborted) return events.stream.destroy();
                const {apiError, unexpected} = toApiError(error);
                if (unexpected) reply.log.error({err: error}, "generation failed mid-stream");
                events.fail(apiError.toBody());
            }
        );
    });
}
