import type {AppOperation, OperationCaller} from "./AppOperation.js";
import {appOperations, type OperationName, type OperationParams} from "./appOperations.js";

export type ParsedOperation<N extends OperationName = OperationName> =
    | {readonly ok: true, readonly name: N, readonly params: OperationParams<N>}
    | {readonly ok: false, readonly code: "unknown_operation" | "invalid_params", readonly message: string};

/**
 * Checks a request that came in through a door (`caller`): the operation exists and `caller` may ask for it, and its
 * params pass the operation's rules. The message names the field: `params.port: The port must be…`.
 */
export function parseOperationParams(name: unknown, params: unknown, caller: OperationCaller): ParsedOperation {
    if (typeof name !== "string" || !Object.hasOwn(appOperations, name))
        return {ok: false, code: "unknown_operation", message: `There is no operation ${JSON.stringify(name)}.`};
    const operation = appOperations[name as OperationName] as unknown as AppOperation<unknown, unknown>;
    if (!operation.callers.includes(caller))
        return {ok: false, code: "unknown_operation", message: `The operation "${name}" can't be asked for from here.`};
    const parsed = operation.params.safeParse(params);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {ok: false, code: "invalid_params", message: issue == null ? "Invalid params." : `${["params", ...issue.path].join(".")}: ${issue.message}`};
    }
    return {ok: true, name: name as OperationName, params: parsed.data as OperationParams<OperationName>};
}
