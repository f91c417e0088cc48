import {UserInputError} from "./UserInputError.js";

/** Exactly `names.length` positional arguments and no options, else a `UserInputError` quoting `usage`. */
export function parsePositionals(args: readonly string[], names: readonly string[], usage: string): string[] {
    const option = args.find((arg) => arg.startsWith("-") && arg !== "-");
    if (option != null)
        throw new UserInputError(`Unknown option ${option}. Usage: ${usage}`);
    if (args.length !== names.length)
        throw new UserInputError(names.length === 0
            ? `This command takes no arguments. Usage: ${usage}`
            : `Expected ${names.map((name) => `<${name}>`).join(" ")}. Usage: ${usage}`);
    return [...args];
}
