import type {AppOperation} from "../app/operations/AppOperation.js";
import {appOperations, type OperationNameFor, type OperationParams} from "../app/operations/appOperations.js";
import {cliUsage} from "./cliUsage.js";
import {runOnInstance} from "./instance/runOnInstance.js";
import type {CliOutput} from "./outputs/CliOutput.js";
import {operationOutputs} from "./outputs/operationOutputs.js";
import {stateOutput} from "./outputs/stateOutput.js";
import {parsePositionals} from "./parsePositionals.js";
import {UserInputError} from "./UserInputError.js";

/**
 * `tholos <operation's words> <args>`: the arguments become the operation's params (checked by its rules; a mistake
 * is a `UserInputError` quoting the usage), it runs on the instance or the stored state, and its output prints it.
 */
export async function runOperationCommand<N extends OperationNameFor<"control">>(name: N, args: string[]): Promise<void> {
    const operation = appOperations[name] as unknown as AppOperation<OperationParams<N>, unknown>;
    const cli = operation.cli!;
    const usage = cliUsage(cli);
    const positionals = parsePositionals(args, cli.args ?? [], usage);
    const parsed = operation.params.safeParse(cli.parse?.(positionals) ?? {});
    if (!parsed.success)
        throw new UserInputError(`${parsed.error.issues[0]?.message ?? "Invalid arguments."} Usage: ${usage}`);
    const params = parsed.data;
    const output = (operationOutputs[name] ?? stateOutput) as unknown as CliOutput<N>;

    await runOnInstance(async (call, where) => {
        let result;
        try {
            result = await call(name, params, {timeoutMs: output.timeoutMs});
        } catch (error) {
            // A partial progress bar shouldn't glue itself to the error line.
            if (output.onState != null && process.stderr.isTTY) process.stderr.write("\n");
            if (output.onFailure === "status") {
                const state = await call("state", undefined).catch(() => null);
                if (state != null) process.stdout.write(`${state.status}\n`);
            }
            throw error;
        }
        output.print(result, {where, params});
    }, {onState: output.onState?.(params)});
}
