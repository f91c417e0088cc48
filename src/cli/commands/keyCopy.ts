import {runOnInstance} from "../instance/runOnInstance.js";
import {keyOutput} from "../outputs/keyOutput.js";
import {parsePositionals} from "../parsePositionals.js";

const output = keyOutput("No clipboard from the command line: copy the key printed above. Treat it like a password.");

/** `tholos key copy`: `key show` with a note — there is no clipboard from a terminal. */
export async function keyCopyCommand(args: string[]) {
    parsePositionals(args, [], "tholos key copy");
    output.print(await runOnInstance((call) => call("key.show", undefined)));
}
