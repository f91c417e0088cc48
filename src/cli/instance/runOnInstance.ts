import {AppCore} from "../../app/AppCore.js";
import type {AppState} from "../../app/AppState.js";
import {ControlClient} from "../../app/control/ControlClient.js";
import {controlSocketPath} from "../../app/control/controlSocketPath.js";
import {resolveDataDir} from "../../app/dataDir.js";
import type {OperationNameFor, OperationParams, OperationResult} from "../../app/operations/appOperations.js";
import {runOperation} from "../../app/operations/runOperation.js";
import {keychainPreference} from "./keychainPreference.js";

/** Runs one operation where the session runs: over the control socket, or on the stored state. */
export type InstanceCall = <N extends OperationNameFor<"control">>(
    name: N, params: OperationParams<N>, options?: {readonly timeoutMs?: number}
) => Promise<OperationResult<N>>;

/** Where the operations ran: the running instance (tray or `tholos serve`), or the stored state of the data dir. */
export type InstanceWhere = {readonly running: true, readonly socketPath: string} | {readonly running: false, readonly dataDir: string};

export type RunOnInstanceOptions = {
    /** Default: `process.env`. */
    readonly env?: NodeJS.ProcessEnv,

    /** Called with every state change while the session runs (a running instance pushes them after `watch`). */
    readonly onState?: (state: AppState) => void
};

/**
 * Drives the running instance when there is one, else the stored state — an `AppCore` in the `"stored"` role, so
 * the operations run the same code and rules either way. What every command but `serve` does.
 */
export async function runOnInstance<T>(
    session: (call: InstanceCall, where: InstanceWhere) => Promise<T>, options: RunOnInstanceOptions = {}
): Promise<T> {
    const env = options.env ?? process.env;
    const socketPath = controlSocketPath(resolveDataDir(env));
    const client = await ControlClient.connect(socketPath);
    if (client != null) {
        try {
            if (options.onState != null) {
                await client.request("watch");
                client.onState(options.onState);
            }
            const call = ((name, params, callOptions) =>
                (client.request as (...args: unknown[]) => Promise<unknown>)(name, params, callOptions)) as InstanceCall;
            return await session(call, {running: true, socketPath});
        } finally {
            client.close();
        }
    }

    const core = await AppCore.open({env, useKeychain: keychainPreference(env), role: "stored"});
    try {
        if (options.onState != null) core.onStateChange(options.onState);
        return await session((name, params) => runOperation(core, name, params), {running: false, dataDir: core.dataDir});
    } finally {
        await core.dispose();
    }
}
