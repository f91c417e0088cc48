import type {ChatWrapper, Llama, LlamaContextSequence, LlamaGrammar, LlamaModel, Token} from "node-llama-cpp";
import type {SequencePool} from "./SequencePool.js";
import type {PromptCache} from "./promptCache/PromptCache.js";
import type {SchemaGrammar} from "./SchemaGrammar.js";
import type {GenerationRequest} from "./generation/GenerationRequest.js";

/** What the generators share of a loaded model. */
export type EngineRuntime = {
    readonly llama: Llama,
    readonly model: LlamaModel,
    readonly chatWrapper: ChatWrapper,

    /** The chat wrapper set for how much to think (see `createThinkingChatWrappers`); `chatWrapper` for `auto`. */
    chatWrapperFor(thinking: GenerationRequest["thinking"]): ChatWrapper,

    /** Tokens one request's prompt and completion may hold together (one sequence's context). */
    readonly contextSize: number,
    readonly pool: SequencePool<LlamaContextSequence>,

    /** Prompts kept past their sequences; `null` when the cache is off. Call `prepare` on each leased sequence first. */
    readonly promptCache: PromptCache | null,
    vocabularySize(): number,

    /** The grammar of any JSON object (`json_object`). */
    jsonGrammar(): Promise<LlamaGrammar>,

    /**
     * A JSON Schema's grammar and full check, built once per distinct schema (`compileJsonSchema`); rejects with
     * `JsonSchemaGrammarError` for a schema the grammar can't follow.
     */
    schemaGrammar(schema: object): Promise<SchemaGrammar>,

    /** `[BOS]` when the model wants it before a plain prompt, else `[]`. */
    readonly promptPrefix: readonly Token[]
};
