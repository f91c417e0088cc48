import type {AppCore} from "../AppCore.js";
import type {AppOperation} from "./AppOperation.js";
import {appOperations, type OperationName, type OperationParams, type OperationResult} from "./appOperations.js";

/**
 * Runs the operation on `core`: its `run` on a running instance, what it does `withoutInstance` on the stored state.
 * `params` must have passed the operation's `params` schema (every door checks them: `parseOperationParams`).
 */
export function runOperation<N extends OperationName>(core: AppCore, name: N, params: OperationParams<N>): Promise<OperationResult<N>> {
    const operation = appOperations[name] as unknown as AppOperation<OperationParams<N>, OperationResult<N>>;
    const action = core.role === "stored" && operation.withoutInstance !== "stored" ? operation.withoutInstance : operation.run;
    return action(core, params);
}
