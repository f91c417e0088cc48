import {appOperations, type OperationName, type OperationNameFor} from "../app/operations/appOperations.js";
import {cliUsage} from "./cliUsage.js";

/** A `tholos` command: its words, its `--help` line, and what it runs. */
export type CliCommand = {
    /** The words after `tholos`, e.g. `["key", "show"]`; `aliases` run it too. */
    readonly command: readonly string[],
    readonly aliases?: readonly (readonly string[])[],

    /** e.g. `tholos load <file.gguf>`. */
    readonly usage: string,
    readonly summary: string,

    /** Gets the arguments after the command's words. Imported on use: only `serve` needs the engine. */
    readonly run: (args: string[]) => Promise<void>
};

/** Every `tholos` command but `serve`: `status` and `key copy` (views of the same operations), then one per operation with a `cli`. */
export function cliCommands(): CliCommand[] {
    const operations = (Object.keys(appOperations) as OperationName[]).flatMap((name) => {
        const {cli, summary} = appOperations[name];
        if (cli == null) return [];
        return [{
            command: cli.command,
            aliases: cli.aliases,
            usage: cliUsage(cli),
            summary,
            run: async (args: string[]) => (await import("./runOperationCommand.js")).runOperationCommand(name as OperationNameFor<"control">, args)
        }];
    });
    return [
        {
            command: ["status"],
            usage: "tholos status [--json]",
            summary: "The status line (Off / Enabled — … / Running — … / Error — … / Locked — …) and details",
            run: async (args) => (await import("./commands/status.js")).statusCommand(args)
        },
        ...operations,
        {
            command: ["key", "copy"],
            usage: "tholos key copy",
            summary: "Print the API key to copy (no clipboard from a terminal)",
            run: async (args) => (await import("./commands/keyCopy.js")).keyCopyCommand(args)
        }
    ];
}
