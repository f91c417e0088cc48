import {TholosError} from "../TholosError.js";
import {UserInputError} from "./UserInputError.js";

/**
 * Writes a command's failure to `stderr` and returns the exit code. A `TholosError` is a failure the code expected,
 * its message written for the user: one line, no stack (exit 2 for a `UserInputError`, else 1). Anything else is a
 * bug, printed with its stack so the report carries where it happened (exit 1).
 */
export function printCliError(error: unknown, stderr: {write(text: string): unknown}): number {
    if (error instanceof TholosError) {
        stderr.write(`tholos: ${error.message}\n`);
        return error instanceof UserInputError ? 2 : 1;
    }
    const stack = error instanceof Error ? error.stack : undefined;
    stderr.write(`tholos: ${stack ?? String(error)}\n`);
    return 1;
}
