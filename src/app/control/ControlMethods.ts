import type {AppState} from "../AppState.js";
import type {OperationNameFor, OperationParams, OperationResult} from "../operations/appOperations.js";

/** A control method: `watch`, or an operation of `appOperations` the control socket may call. */
export type ControlMethod = "watch" | OperationNameFor<"control">;

/** What each control method answers with (`result` of a successful response). */
export type ControlResults = {
    [M in ControlMethod]: M extends OperationNameFor<"control"> ? OperationResult<M> : AppState
};

/** Its params; methods without any take `{}` or nothing. */
export type ControlParams<M extends ControlMethod> = M extends OperationNameFor<"control"> ? OperationParams<M> : Record<string, never> | undefined;

/**
 * A request line: `{id, method, params?}`. `id` comes back in the response, so several requests may be in flight on
 * one connection. Paths are absolute: the instance has its own working dir.
 */
export type ControlRequest = {
    [M in ControlMethod]: {readonly id: number, readonly method: M, readonly params: ControlParams<M>}
}[ControlMethod];

/** A response line: `{id, ok: true, result}` or `{id, ok: false, error: {code, message}}`; `id` is `null` for an unparseable request. */
export type ControlResponse =
    | {readonly id: number, readonly ok: true, readonly result: unknown}
    | {readonly id: number | null, readonly ok: false, readonly error: {readonly code: string, readonly message: string}};

/** A line the instance pushes unasked, after `watch`. */
export type ControlEvent = {readonly event: "state", readonly state: AppState};
