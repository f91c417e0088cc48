import type {FastifyReply} from "fastify";
import type {Readable} from "node:stream";
import {EventStreamWriter} from "./EventStreamWriter.js";
import {toApiError} from "../toApiError.js";
import {ApiError} from "../ApiError.js";
import type {ServerLifetime} from "../ServerLifetime.js";

export type OpenEventStreamOptions = {
    /** See `EventStreamWriter`. Default `data`. */
    framing?: "data" | "event",

    /** The protocol's event for a failure after the 200. Default: the OpenAI error object. */
    errorEvent?: (apiError: ApiError) => unknown
};

/**
 * Starts a streamed generation and resolves with the event stream once the generation has begun. Failures before
 * that (bad input, unknown model, a full queue) reject, so the client gets a real 4xx status; failures after the
 * 200 is sent end the stream with an OpenAI error event (a stopping server's too); a client that left just gets its
 * stream torn down.
 */
export function openEventStream(
    reply: FastifyReply, signal: AbortSignal, lifetime: ServerLifetime,
    generate: (events: EventStreamWriter, onStart: () => void) => Promise<void>,
    {framing = "data", errorEvent = (apiError) => apiError.toBody()}: OpenEventStreamOptions = {}
): Promise<Readable> {
    const events = new EventStreamWriter(framing);
    return new Promise((resolve, reject) => {
        let started = false;
        const onStart = () => {
            if (started) return;
            started = true;
            reply.header("content-type", "text/event-stream; charset=utf-8")
                .header("cache-control", "no-cache")
                .header("x-accel-buffering", "no");
            resolve(events.stream);
            // Node sends the status and headers with the first body write, which for a completion is the first token:
            // the client would parse them on its time-to-first-token path. They go now instead, while the prompt is
            // read: Fastify sets the headers, then pipes the stream into the response.
            reply.raw.once("pipe", () => {
                if (!reply.raw.headersSent) reply.raw.flushHeaders();
            });
        };
        const generation = generate(events, onStart).then(
            () => events.done(),
            (error: unknown) => {
                // A stopping server aborts with an ApiError as the reason; a client that left aborts with anything else.
                const stopping = signal.aborted && signal.reason instanceof ApiError;
                if (!started) return reject(stopping ? signal.reason : error);
                if (signal.aborted && !stopping) return events.stream.destroy();
                const {apiError, unexpected} = toApiError(stopping ? signal.reason : error);
                if (unexpected) reply.log.error({err: error}, "generation failed mid-stream");
                events.fail(errorEvent(apiError));
            }
        );
        lifetime.track(generation);
    });
}
