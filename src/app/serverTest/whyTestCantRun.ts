import type {ModelState} from "../AppState.js";
import type {EditionStatus} from "../license/LicenseStore.js";
import type {ServerTestResult} from "./ServerTestResult.js";

export type TestPreconditions = {
    /** `"stopping"`: the core was disposed (quitting); `"none"`: the stored state, no instance runs. */
    readonly instance: "running" | "stopping" | "none",
    readonly edition: EditionStatus,
    readonly enabled: boolean,
    readonly model: ModelState,
    readonly hasEngine: boolean,
    readonly keyProblem: string | null,
    readonly serverProblem: string | null
};

/** Why Test can't even try a request (off, locked, no model, port error…), or `null` when the server should answer. */
export function whyTestCantRun(state: TestPreconditions): ServerTestResult | null {
    if (state.instance === "stopping")
        return {ok: false, reason: "off", message: "Off: Tholos is shutting down."};
    if (state.instance === "none")
        return {ok: false, reason: "off", message: "Off: no Tholos instance is running; start one with `tholos serve` (or open the tray app)."};
    if (state.edition.edition !== "business")
        return {ok: false, reason: "locked", message: `Locked: the Local API Server is available on the Business edition. ${state.edition.reason}`};
    if (!state.enabled)
        return {ok: false, reason: "off", message: "Off: the Local API Server is switched off; enable it first."};
    if (state.model.state === "failed")
        return {ok: false, reason: "model_error", message: `Model error: ${state.model.message}`};
    if (state.model.state === "loading")
        return {ok: false, reason: "no_model", message: `No model: ${state.model.name} is still loading (${Math.round(state.model.progress * 100)}%).`};
    if (!state.hasEngine)
        return {ok: false, reason: "no_model", message: "No model: the server starts once a model is loaded; load a .gguf model first."};
    if (state.keyProblem != null)
        return {ok: false, reason: "failed", message: `Failed: ${state.keyProblem}`};
    if (state.serverProblem != null)
        return {ok: false, reason: "port_error", message: `Port error: ${state.serverProblem}`};
    return null;
}
