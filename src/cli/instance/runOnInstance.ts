import {ControlClient} from "../../app/control/ControlClient.js";
import {controlSocketPath} from "../../app/control/controlSocketPath.js";
import {resolveDataDir} from "../../app/dataDir.js";
import {StoredState} from "../../app/StoredState.js";
import {keychainPreference} from "./keychainPreference.js";

export type RunOnInstanceHandlers<T> = {
    /** Runs against the running instance (tray or `tholos serve`) over its control socket. */
    online(client: ControlClient, socketPath: string): Promise<T>,

    /** Runs on the stored settings/key/licence when no instance runs. */
    offline(stored: StoredState): Promise<T>
};

/** Drives the running instance when there is one, else the stored state — what every command but `serve` does. */
export async function runOnInstance<T>(handlers: RunOnInstanceHandlers<T>, env: NodeJS.ProcessEnv = process.env): Promise<T> {
    const socketPath = controlSocketPath(resolveDataDir(env));
    const client = await ControlClient.connect(socketPath);
    if (client != null) {
        try {
            return await handlers.online(client, socketPath);
        } finally {
            client.close();
        }
    }
    return handlers.offline(await StoredState.open({env, useKeychain: keychainPreference(env)}));
}
