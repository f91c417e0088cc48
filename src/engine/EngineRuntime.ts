import type {ChatWrapper, Llama, LlamaContextSequence, LlamaGrammar, LlamaModel, Token} from "node-llama-cpp";
import type {CompletionUsage, FinishReason} from "../../contract/index.js";
import type {SequencePool} from "./SequencePool.js";

/** What the generators share of a loaded model. */
export type EngineRuntime = {
    readonly llama: Llama,
    readonly model: LlamaModel,
    readonly chatWrapper: ChatWrapper,

    /** Tokens one request's prompt and completion may hold together (one sequence's context). */
    readonly contextSize: number,
    readonly pool: SequencePool<LlamaContextSequence>,
    vocabularySize(): number,

    /** A grammar for a JSON schema (`"json"` for any JSON object), built once per distinct schema. */
    jsonGrammar(schema: object | "json"): Promise<LlamaGrammar>,

    /** `[BOS]` when the model wants it before a plain prompt, else `[]`. */
    readonly promptPrefix: readonly Token[]
};

export type GenerateOptions = {
    /** Stops the generation; the promise then rejects with the signal's reason. */
    signal?: AbortSignal,

    /** Called once the request holds a sequence and generation begins; errors before it are the request's fault or the queue's. */
    onStart?(): void,

    /** Receives the answer's text as it is generated (never stop text, never tool-call JSON). */
    onText?(text: string): void
};

export type GenerationResult = {
    text: string,
    finishReason: FinishReason,
    usage: CompletionUsage
};
