import {TholosError} from "../../TholosError.js";

export type ControlErrorCode =
    /** Another instance already serves this data dir (`tholos serve` or the tray). */
    | "instance_running"
    /** The control socket could not be created. */
    | "control_listen_failed"
    /** A line that isn't a valid request, or a response that isn't valid. */
    | "control_protocol"
    /** The instance closed the connection (quit) before answering. */
    | "control_connection_closed"
    /** The instance did not answer in time. */
    | "control_timeout"
    /** The instance answered with an error; its own code is in `remoteCode`. */
    | "control_remote";

/** A control-socket failure; for `control_remote`, `remoteCode` is the stable code the instance reported (e.g. `edition_locked`). */
export class ControlError extends TholosError<ControlErrorCode> {
    public readonly remoteCode: string | null;

    public constructor(code: ControlErrorCode, message: string, options: {remoteCode?: string, cause?: unknown} = {}) {
        super(code, message, {cause: options.cause});
        this.remoteCode = options.remoteCode ?? null;
    }
}
