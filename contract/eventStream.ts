import {z} from "zod";

/**
 * A `stream: true` answer: a readable stream of server-sent events. It is a runtime object, not JSON, so the
 * contract can type the route and validate responses without the wire format being written twice; the
 * OpenAPI document describes it as `text/event-stream` of the chunk schema.
 */
export const EventStream = z.custom<NodeJS.ReadableStream>(
    (value) => typeof value === "object" && value != null && typeof (value as {pipe?: unknown}).pipe === "function",
    "an event stream"
);
