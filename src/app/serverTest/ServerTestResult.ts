/** Why Test could not get an answer. */
export type ServerTestFailure =
    | "off"
    | "locked"
    | "no_model"
    | "model_error"
    | "port_error"
    | "wrong_key"
    | "timeout"
    | "failed";

/** What Test reports: `answered in N ms (model X)` or exactly why not. */
export type ServerTestResult =
    | {readonly ok: true, readonly message: string, /** Round trip, ms. */ readonly ms: number, readonly model: string}
    | {readonly ok: false, readonly reason: ServerTestFailure, readonly message: string};
