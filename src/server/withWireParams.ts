import {EngineError} from "../engine/EngineError.js";

/** Engine parameter patterns and the protocol field each becomes (`$1` for captured indexes), most specific first. */
export type WireParamNames = readonly (readonly [pattern: RegExp, wireName: string])[];

/**
 * Runs an engine call and renames the engine's parameter names (`constraint.schema`, `tools[0].parameters`) in its
 * errors to the protocol's own (`response_format.json_schema.schema`, `tools[0].function.parameters`) by the first
 * pattern that matches, so a client is told which of its fields to fix. A name no pattern matches stays as it is.
 */
export async function withWireParams<T>(run: () => Promise<T>, names: WireParamNames): Promise<T> {
    try {
        return await run();
    } catch (error) {
        if (!(error instanceof EngineError) || error.param == null) throw error;
        throw new EngineError(error.code, error.message, {param: toWireParam(error.param, names), cause: error.cause});
    }
}

function toWireParam(param: string, names: WireParamNames) {
    for (const [pattern, wireName] of names)
        if (pattern.test(param)) return param.replace(pattern, wireName);
    return param;
}
