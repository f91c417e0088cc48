import type {FastifyReply} from "fastify";

/**
 * A signal that aborts when the client goes away before the answer is complete, so its generation stops and its
 * sequence returns to the pool; it also aborts when the server stops (`serverStopping`, whose reason is an `ApiError`). It listens to the response socket: on Node 20 the request's own 'close' and
 * `request.signal` fire on every POST as soon as the body has been read.
 */
export function abortOnClientClose(reply: FastifyReply, serverStopping: AbortSignal): AbortSignal {
    const controller = new AbortController();
    reply.raw.once("close", () => {
        if (!reply.raw.writableFinished) controller.abort(new Error("The client closed the connection."));
    });
    return AbortSignal.any([controller.signal, serverStopping]);
}
