import {TholosError} from "../TholosError.js";

/** Stable codes of engine failures; `src/server/errorCatalogue.ts` maps each to an HTTP status. */
export type EngineErrorCode =
    | "model_not_found"
    | "model_load_failed"
    | "context_length_exceeded"
    | "unsupported_parameter"
    | "invalid_parameter"
    | "schema_not_satisfied"
    | "queue_full"
    | "engine_disposed";

/** A failure the caller can act on; `param` names the request field at fault, when there is one. */
export class EngineError extends TholosError<EngineErrorCode> {
    public readonly param: string | null;

    public constructor(code: EngineErrorCode, message: string, options: {param?: string | null, cause?: unknown} = {}) {
        super(code, message, {cause: options.cause});
        this.param = options.param ?? null;
    }
}
