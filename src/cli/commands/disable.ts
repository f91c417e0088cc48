import {parsePositionals} from "../parsePositionals.js";
import {runOnInstance} from "../instance/runOnInstance.js";

/** `tholos disable`: switch the Local API Server off; the running server stops listening and its connections close. */
export async function disableCommand(args: string[]) {
    parsePositionals(args, [], "tholos disable");
    await runOnInstance({
        async online(client) {
            const state = await client.request("disable");
            process.stdout.write(`${state.status}\n`);
        },
        async offline(stored) {
            await stored.disable();
            process.stdout.write("Off\nSaved: the switch is off.\n");
        }
    });
}
