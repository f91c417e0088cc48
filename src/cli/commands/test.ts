import {parsePositionals} from "../parsePositionals.js";
import {runOnInstance} from "../instance/runOnInstance.js";

/** `tholos test`: a real request to the running server with the current key; exit code 1 when it did not answer. */
export async function testCommand(args: string[]) {
    parsePositionals(args, [], "tholos test");
    const result = await runOnInstance({
        online: (client) => client.request("test"),
        offline: async () => ({
            ok: false as const,
            reason: "off" as const,
            message: "Off: no Tholos instance is running; start one with `tholos serve` (or open the tray app)."
        })
    });
    process.stdout.write(`${result.message}\n`);
    if (!result.ok) process.exitCode = 1;
}
