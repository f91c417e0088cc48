/** What every `TholosError` subclass passes on to the base class, besides its code and message. */
export type TholosErrorOptions = {
    /** The error this one reports, kept as `cause` (shown by Node's inspector, never sent to a client). Default: none. */
    cause?: unknown
};

/**
 * The base of the project's own errors: a failure the code expected, with a stable `code` (knowing nothing of HTTP)
 * and a message written for whoever reads it — the API client, the CLI user, the tray's dialog. Anything thrown that
 * isn't one is a bug: the server logs it and answers a generic 500, the CLI prints its stack.
 *
 * `name` is the subclass's name (`EngineError`, `LicenseError`…), so logs and `String(error)` say which area failed.
 */
export abstract class TholosError<Code extends string = string> extends Error {
    public readonly code: Code;

    protected constructor(code: Code, message: string, options: TholosErrorOptions = {}) {
        super(message, "cause" in options ? {cause: options.cause} : undefined);
        this.name = new.target.name;
        this.code = code;
    }
}
