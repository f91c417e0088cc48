import type {ChatWrapper, Llama, LlamaContextSequence, LlamaGrammar, LlamaModel, Token} from "node-llama-cpp";
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
