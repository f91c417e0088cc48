import type {Socket} from "node:net";
import {ApiError} from "./ApiError.js";

/**
 * Node's HTTP parser refused the request (malformed or duplicate framing headers, headers too large) or it did not
 * arrive within the request timeout: answer in OpenAI's error shape on the raw socket — Fastify's default writes its
 * own shape — then close the connection, as the request can't be framed.
 */
export function handleClientError(error: Error & {code?: string}, socket: Socket): void {
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    const apiError = error.code === "HPE_HEADER_OVERFLOW"
        ? new ApiError("request_too_large", "The request headers are larger than this server accepts.")
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
            ? new ApiError("invalid_request", "The request did not arrive in time; send the headers and body without pausing.")
            : new ApiError("invalid_request", "The request is malformed HTTP (check for duplicate or invalid Content-Length, Transfer-Encoding or header lines).");
    const body = JSON.stringify(apiError.toBody());
    if (socket.writable)
        socket.write(`HTTP/1.1 ${apiError.status} ${apiError.status === 413 ? "Payload Too Large" : "Bad Request"}\r\n` +
            `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    socket.destroy();
}
