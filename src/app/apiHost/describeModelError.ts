import path from "node:path";
import {EngineError} from "../../engine/EngineError.js";
import {errorMessage} from "../utils/errorMessage.js";

/**
 * The `Error — …` text (without the prefix) for a model that failed to load: the engine's words name the file and
 * the reason; a hint on what to do is added when they don't already give one.
 */
export function describeModelError(err: unknown, modelPath: string): string {
    const message = err instanceof EngineError
        ? err.message
        : `${path.basename(modelPath)} could not be loaded (${errorMessage(err)}).`;
    return /\bchoose\b/i.test(message) ? message : `${message} Choose another model file.`;
}
