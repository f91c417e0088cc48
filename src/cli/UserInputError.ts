/** A mistake in what the user typed: printed as one line, without a stack trace, exit code 2. */
export class UserInputError extends Error {
    public constructor(message: string) {
        super(message);
        this.name = "UserInputError";
    }
}
