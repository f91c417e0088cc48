import {parsePositionals} from "../parsePositionals.js";
import {runOnInstance} from "../instance/runOnInstance.js";

/** `tholos enable`: switch the Local API Server on (Business edition only). */
export async function enableCommand(args: string[]) {
    parsePositionals(args, [], "tholos enable");
    await runOnInstance({
        async online(client) {
            const state = await client.request("enable");
            process.stdout.write(`${state.status}\n`);
        },
        async offline(stored) {
            await stored.enable();
            process.stdout.write("Off\nSaved: the switch is on; the server starts with the next `tholos serve` or the tray app.\n");
        }
    });
}
