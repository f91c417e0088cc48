import type {OperationCli} from "../app/operations/AppOperation.js";

/** `tholos <words> <arg>…` for an operation's `cli`. */
export function cliUsage(cli: OperationCli): string {
    return ["tholos", ...cli.command, ...(cli.args ?? []).map((arg) => `<${arg}>`)].join(" ");
}
