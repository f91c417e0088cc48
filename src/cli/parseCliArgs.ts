import {parseArgs, type ParseArgsConfig} from "node:util";
import type {z} from "zod";
import {UserInputError} from "./UserInputError.js";

/** Parses `--flag value` options and validates them with a zod schema; mistakes become a `UserInputError`. */
export function parseCliArgs<T extends z.ZodTypeAny>(args: string[], options: NonNullable<ParseArgsConfig["options"]>, schema: T): z.infer<T> {
    let values: Record<string, unknown>;
    try {
        values = parseArgs({args, options, strict: true, allowPositionals: false}).values;
    } catch (error) {
        throw new UserInputError((error as Error).message);
    }
    const result = schema.safeParse(values);
    if (!result.success) {
        const issue = result.error.issues[0]!;
        throw new UserInputError(`--${issue.path.join(".")}: ${issue.message}`);
    }
    return result.data;
}
