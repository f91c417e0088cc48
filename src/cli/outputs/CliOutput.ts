import type {AppState} from "../../app/AppState.js";
import type {OperationNameFor, OperationParams, OperationResult} from "../../app/operations/appOperations.js";
import type {InstanceWhere} from "../instance/runOnInstance.js";

/** How a `tholos` command shows its operation's answer. */
export type CliOutput<N extends OperationNameFor<"control">> = {
    /** Writes the answer to stdout (and notes to stderr). */
    readonly print: (result: OperationResult<N>, context: {readonly where: InstanceWhere, readonly params: OperationParams<N>}) => void,

    /** Watches the state while it runs (a load's progress bar). Default: no watching. */
    readonly onState?: (params: OperationParams<N>) => (state: AppState) => void,

    /** How long to wait for the instance, in ms; 0 = as long as it is there. Default: the client's 60 s. */
    readonly timeoutMs?: number,

    /** `"status"`: a failure prints the status line first (e.g. `Locked — …` for a refused enable). Default: nothing. */
    readonly onFailure?: "status"
};
