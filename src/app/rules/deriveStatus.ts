import type {AppStatusKind, ModelState} from "../AppState.js";

export type StatusInputs = {
    /** `"none"` for the stored state (no instance runs) and for a core that was disposed (quitting). */
    readonly instance: "running" | "none",
    readonly edition: "business" | "personal",
    readonly enabled: boolean,
    readonly model: ModelState,

    /** Why the server can't run (port in use, key unreadable…), as "what happened and what to do"; else `null`. */
    readonly serverProblem: string | null,

    /** The port listened on, while the server is up; else `null`. */
    readonly listeningPort: number | null
};

export const lockedStatus = "Locked — available on the Business edition";
export const enabledStatus = "Enabled — starts once a model is loaded.";

/**
 * SPEC §2's status line, for the running core and the stored state alike. Precedence: locked (the edition decides
 * before anything else), then no instance (nothing can serve), a failed model (shown even while off: the user has to
 * pick another file either way), off, a server problem, running, enabled.
 */
export function deriveStatus(inputs: StatusInputs): {kind: AppStatusKind, text: string} {
    if (inputs.edition !== "business")
        return {kind: "locked", text: lockedStatus};

    if (inputs.instance === "none")
        return {kind: "off", text: "Off"};

    if (inputs.model.state === "failed")
        return {kind: "error", text: `Error — ${inputs.model.message}`};

    if (!inputs.enabled)
        return {kind: "off", text: "Off"};

    if (inputs.serverProblem != null)
        return {kind: "error", text: `Error — ${inputs.serverProblem}`};

    if (inputs.listeningPort != null)
        return {kind: "running", text: `Running — http://127.0.0.1:${inputs.listeningPort}`};

    return {kind: "enabled", text: enabledStatus};
}
