import type {ApiKeyAnswer} from "../../app/control/ControlMethods.js";
import {UserInputError} from "../UserInputError.js";
import {parsePositionals} from "../parsePositionals.js";
import {runOnInstance} from "../instance/runOnInstance.js";

const usage = "tholos key show|copy|regenerate";

/**
 * `tholos key show|copy|regenerate`. The key goes alone to stdout (so `$(tholos key show)` works), notes to stderr.
 * There is no clipboard from a terminal, so `copy` prints the key and says so.
 */
export async function keyCommand(args: string[]) {
    const [action] = parsePositionals(args, ["show|copy|regenerate"], usage);
    if (action !== "show" && action !== "copy" && action !== "regenerate")
        throw new UserInputError(`Unknown key action "${action}". Usage: ${usage}`);

    const answer: ApiKeyAnswer = await runOnInstance({
        online: (client) => client.request(action === "regenerate" ? "key.regenerate" : "key.show"),
        offline: (stored) => (action === "regenerate" ? stored.regenerateKey() : stored.key())
    });
    process.stdout.write(`${answer.key}\n`);
    if (action === "copy")
        process.stderr.write("No clipboard from the command line: copy the key printed above. Treat it like a password.\n");
    if (action === "regenerate")
        process.stderr.write("New API key (above); the old key stopped working. Update your scripts.\n");
    process.stderr.write(`Stored in: ${answer.location}\n`);
}
