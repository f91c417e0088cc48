import type {AppState} from "../../app/AppState.js";
import type {InstanceWhere} from "../instance/runOnInstance.js";

/** An operation answering with the state prints its status line; without an instance, also where the change went. */
export const stateOutput = {
    print(state: AppState, {where}: {readonly where: InstanceWhere}) {
        process.stdout.write(`${state.status}\n`);
        if (!where.running)
            process.stdout.write("Saved: no instance is running; `tholos serve` (or the tray app) uses it when it starts.\n");
    },
    onFailure: "status"
} as const;
