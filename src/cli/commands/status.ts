import {z} from "zod";
import {formatState} from "../formatState.js";
import {runOnInstance} from "../instance/runOnInstance.js";
import {parseCliArgs} from "../parseCliArgs.js";

/** `tholos status [--json]`: the status line and details, from the running instance or the stored state. */
export async function statusCommand(args: string[]) {
    const {json} = parseCliArgs(args, {json: {type: "boolean"}}, z.object({json: z.boolean().default(false)}));
    await runOnInstance(async (call, where) => {
        const state = await call("state", undefined);
        process.stdout.write(json
            ? JSON.stringify({running: where.running, ...state, ...(where.running ? {} : {dataDir: where.dataDir})}, null, 2) + "\n"
            : formatState(state, where));
    });
}
