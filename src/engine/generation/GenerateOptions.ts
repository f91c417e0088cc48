import type {GenerationEvent} from "./GenerationEvent.js";

export type GenerateOptions = {
    /** Stops the generation; the promise then rejects with the signal's reason. */
    signal?: AbortSignal,

    /**
     * Called once the request holds a sequence and generation begins, with the prompt's length in tokens; errors before
     * it are the request's fault or the queue's.
     */
    onStart?(start: {promptTokens: number}): void,

    /** Receives the answer as it is generated. */
    onEvent?(event: GenerationEvent): void
};
