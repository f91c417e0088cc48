import {parsePositionals} from "../parsePositionals.js";
import {runOnInstance} from "../instance/runOnInstance.js";

/** `tholos unload`: stop serving and free the model (and forget it as the model to load at start). */
export async function unloadCommand(args: string[]) {
    parsePositionals(args, [], "tholos unload");
    await runOnInstance({
        async online(client) {
            const state = await client.request("unloadModel");
            process.stdout.write(`${state.status}\n`);
        },
        async offline(stored) {
            await stored.clearModel();
            process.stdout.write("Off\nSaved: no model is loaded at start.\n");
        }
    });
}
