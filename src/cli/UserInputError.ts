import {TholosError} from "../TholosError.js";

/** A mistake in what the user typed: printed as one line, without a stack trace, exit code 2. */
export class UserInputError extends TholosError<"invalid_cli_input"> {
    public constructor(message: string) {
        super("invalid_cli_input", message);
    }
}
