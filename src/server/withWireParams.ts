import {EngineError} from "../engine/EngineError.js";

/**
 * Runs an engine call and renames the engine's parameter names (`constraint.schema`, `tools[0].parameters`) in its
 * errors to the protocol's own (`response_format.json_schema.schema`, `tools[0].function.parameters`), so a client
 * is told which of its fields to fix. `rename` returns the name unchanged when it has no better one.
 */
export async function withWireParams<T>(run: () => Promise<T>, rename: (param: string) => string): Promise<T> {
    try {
        return await run();
    } catch (error) {
        if (!(error instanceof EngineError) || error.param == null) throw error;
        throw new EngineError(error.code, error.message, {param: rename(error.param), cause: error.cause});
    }
}
