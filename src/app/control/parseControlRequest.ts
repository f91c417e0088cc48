import {z} from "zod";
import {parseOperationParams} from "../operations/parseOperationParams.js";
import type {ControlRequest} from "./ControlMethods.js";

const envelope = z.object({id: z.number().int().nonnegative(), method: z.string(), params: z.unknown()}).strict();
const noParams = z.object({}).strict().optional();

/**
 * One line a client sent, checked: `{id, method, params?}` where `method` is `watch` (answers the state, then pushes
 * `{"event":"state","state":…}` lines on every change until the connection closes) or an operation of
 * `appOperations` open to the control socket, its params checked by the operation's rules.
 */
export function parseControlRequest(json: unknown): {ok: true, request: ControlRequest} | {ok: false, id: number | null, message: string} {
    const id = (json as {id?: unknown} | null)?.id;
    const answerId = typeof id === "number" ? id : null;
    const parsed = envelope.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {ok: false, id: answerId, message: `Invalid request: ${issue == null ? "" : `${issue.path.join(".")}: ${issue.message}`}`};
    }
    const {method, params} = parsed.data;
    if (method === "watch")
        return noParams.safeParse(params).success
            ? {ok: true, request: {id: parsed.data.id, method, params: undefined}}
            : {ok: false, id: answerId, message: "Invalid request: params: watch takes none."};

    const operation = parseOperationParams(method, params, "control");
    if (!operation.ok) return {ok: false, id: answerId, message: `Invalid request: ${operation.message}`};
    return {ok: true, request: {id: parsed.data.id, method: operation.name, params: operation.params} as ControlRequest};
}
