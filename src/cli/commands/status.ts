import {parseCliArgs} from "../parseCliArgs.js";
import {z} from "zod";
import {formatState} from "../formatState.js";
import {runOnInstance} from "../instance/runOnInstance.js";

/** `tholos status [--json]`: the status line and details, from the running instance or the stored state. */
export async function statusCommand(args: string[]) {
    const {json} = parseCliArgs(args, {json: {type: "boolean"}}, z.object({json: z.boolean().default(false)}));
    await runOnInstance({
        async online(client, socketPath) {
            const state = await client.request("state");
            process.stdout.write(json ? JSON.stringify({running: true, ...state}, null, 2) + "\n" : formatState(state, socketPath));
        },
        async offline(stored) {
            const summary = await stored.summary();
            if (json) {
                process.stdout.write(JSON.stringify({running: false, ...summary}, null, 2) + "\n");
                return;
            }
            const {settings} = summary;
            process.stdout.write([
                summary.status,
                "Not running: no Tholos instance runs for this data dir; `tholos serve` (or the tray app) starts it.",
                `Edition:   ${summary.edition === "business" ? "Business" : "Personal"} — ${summary.editionReason}`,
                `Saved:     switch ${settings.enabled ? "on" : "off"}, port ${settings.port}, model ${settings.modelPath ?? "none"}`,
                `API key:   in ${summary.apiKey.location}`,
                ...(summary.settingsProblem == null ? [] : [`Settings:  ${summary.settingsProblem}`]),
                `Data dir:  ${stored.dataDir}`
            ].join("\n") + "\n");
        }
    });
}
