import fs from "node:fs/promises";
import type {AppState} from "../AppState.js";
import {ControlClient} from "./ControlClient.js";

export type RunningInstance = {
    readonly socketPath: string,

    /** Its state, or `null` when it accepted the connection but did not answer `state` in time. */
    readonly state: AppState | null
};

export type FindRunningInstanceOptions = {
    /** Default: `process.platform` (named pipes leave no stale files to remove). */
    readonly platform?: NodeJS.Platform
};

/**
 * The instance serving `socketPath`, or `null` when none runs. A stale socket file (left by an instance that
 * crashed: connecting is refused) is removed, so a new instance can bind the path.
 */
export async function findRunningInstance(
    socketPath: string, {platform = process.platform}: FindRunningInstanceOptions = {}
): Promise<RunningInstance | null> {
    let client: ControlClient | null;
    try {
        client = await ControlClient.connect(socketPath);
    } catch {
        // Something holds the path but doesn't let us in: treat it as running rather than remove it.
        return {socketPath, state: null};
    }

    if (client == null) {
        if (platform !== "win32") {
            const stat = await fs.lstat(socketPath).catch(() => null);
            if (stat?.isSocket() === true) await fs.rm(socketPath, {force: true});
        }
        return null;
    }

    try {
        return {socketPath, state: await client.request("state", undefined, {timeoutMs: 3000})};
    } catch {
        return {socketPath, state: null};
    } finally {
        client.close();
    }
}
