import path from "node:path";
import {
    ChatWrapper, GeneralChatWrapper, getLlama, resolveChatWrapper, type Llama, type LlamaContext, type LlamaContextSequence,
    type LlamaEmbeddingContext, type LlamaGrammar, type LlamaModel, type Token
} from "node-llama-cpp";
import {setTimeout as sleep} from "node:timers/promises";
import {isLockActive, withLock} from "lifecycle-utils";
import {EngineError} from "./EngineError.js";
import {createThinkingChatWrappers} from "./chat/thinkingChatWrapper.js";
import {SequencePool} from "./SequencePool.js";
import {defaultThreads} from "./defaultThreads.js";
import {defaultFlashAttention} from "./defaultFlashAttention.js";
import {resolveGpuOption, type GpuSetting} from "./resolveGpuOption.js";
import {compileJsonSchema} from "./grammar/compileJsonSchema.js";
import type {SchemaGrammar} from "./SchemaGrammar.js";
import {checkModelFile} from "./checkModelFile.js";
import {countParameters} from "./countParameters.js";
import {defaultContextSize} from "./defaultContextSize.js";
import {defaultSequences} from "./defaultSequences.js";
import type {EngineRuntime} from "./EngineRuntime.js";
import type {EngineModelInfo} from "./EngineModelInfo.js";
import type {ChatPrompt, GenerationRequest} from "./generation/GenerationRequest.js";
import type {GenerateOptions} from "./generation/GenerateOptions.js";
import type {Generation} from "./generation/Generation.js";
import {generateChat} from "./chat/generateChat.js";
import {renderChatPrompt} from "./chat/renderChatPrompt.js";
import {generateText} from "./text/generateText.js";
import {generateChoices} from "./generation/generateChoices.js";
import {embed, type EmbedResult} from "./embedding/embed.js";
import {PromptCache, type PromptCacheStats} from "./promptCache/PromptCache.js";
import {defaultPromptCacheBytes} from "./promptCache/defaultPromptCacheBytes.js";

export type LlamaEngineOptions = {
    modelPath: string,

    /**
     * CPU threads for llama.cpp. Default: `defaultThreads()` (cores − 1 from 1 to 8; every core of 2 with the engine
     * built from source, and for models ≥ 50M parameters).
     */
    threads?: number,

    /** `"auto"` (default) uses Metal/CUDA/Vulkan when a prebuilt binary for it works here, else CPU; `"cpu"` forces CPU. */
    gpu?: GpuSetting,

    /** Requests that generate at once, each on its own context sequence. Default 4. */
    sequences?: number,

    /** Requests that may wait for a sequence before more get `queue_full`. Default 32. */
    maxQueue?: number,

    /** Tokens per sequence (prompt + completion of one request). Default: the model's training context, at most 4096. */
    contextSize?: number,

    /** llama.cpp's flash attention. Default: `defaultFlashAttention()` (off for small models on CPU, else node-llama-cpp's "auto"). */
    flashAttention?: boolean,

    /**
     * Bytes of RAM for prompts kept past their sequences (see `PromptCache`): a request whose prompt no free sequence
     * holds restores its longest saved prefix instead of reading it again. 0 turns the cache off. Default:
     * `defaultPromptCacheBytes()` (a sixteenth of RAM, at most 1 GiB).
     */
    promptCacheBytes?: number,

    /** Model load progress, 0–1. */
    onLoadProgress?(progress: number): void,

    /**
     * Called once while llama.cpp creates the context on its own threads (a load's longest wait: it allocates and
     * clears the KV cache), with the JS thread free: a caller's own start-up work (ApiHost builds the server) runs
     * then without delaying the load.
     */
    whileCreatingContext?(): void,

    /** The llama.cpp runtime to use (tests share one); by default one is created and disposed with the engine. */
    llama?: Llama
};

const maxGrammars = 32;

/** A loaded GGUF model answering generation requests from a pool of context sequences. */
export class LlamaEngine {
    public readonly info: EngineModelInfo;
    private readonly _llama: Llama;
    private readonly _ownsLlama: boolean;
    private readonly _model: LlamaModel;
    private readonly _context: LlamaContext;
    private readonly _runtime: EngineRuntime;
    private readonly _sequences: readonly LlamaContextSequence[];
    private readonly _grammars = new Map<string, Promise<SchemaGrammar>>();
    private _jsonObjectGrammar: Promise<LlamaGrammar> | null = null;
    private _embeddingContext: Promise<LlamaEmbeddingContext> | null = null;
    private readonly _threads: number;
    private readonly _promptCache: PromptCache | null;
    private _vocabularySize: number | null = null;
    private _disposed = false;

    private constructor(options: {
        llama: Llama, ownsLlama: boolean, model: LlamaModel, context: LlamaContext, chatWrapper: ChatWrapper, info: EngineModelInfo,
        threads: number, maxQueue: number, promptCacheBytes: number
    }) {
        this._llama = options.llama;
        this._ownsLlama = options.ownsLlama;
        this._model = options.model;
        this._context = options.context;
        this.info = options.info;
        this._threads = options.threads;
        this._promptCache = options.promptCacheBytes > 0 ? new PromptCache({maxBytes: options.promptCacheBytes}) : null;

        const sequences: LlamaContextSequence[] = [];
        for (let i = 0; i < options.context.totalSequences; i++)
            sequences.push(options.context.getSequence());
        this._sequences = sequences;

        this._runtime = {
            llama: this._llama,
            model: this._model,
            chatWrapper: options.chatWrapper,
            chatWrapperFor: createThinkingChatWrappers(options.model, options.chatWrapper),
            contextSize: options.context.contextSize,
            promptCache: this._promptCache,
            pool: new SequencePool({
                items: sequences,
                maxQueue: options.maxQueue,
                sharedPrefixLength: (sequence, tokens) => sequence.compareContextTokens(tokens as Token[]).firstDifferentIndex,
                cachedLength: (sequence) => sequence.nextTokenIndex
            }),
            vocabularySize: () => this._vocabularySize ??= [...this._model.iterateAllTokens()].length,
            jsonGrammar: () => this._jsonObjectGrammar ??= this._llama.getGrammarFor("json"),
            schemaGrammar: (schema) => this._schemaGrammar(schema),
            promptPrefix: this._model.tokens.shouldPrependBosToken && this._model.tokens.bos != null ? [this._model.tokens.bos] : []
        };
    }

    public static async load(options: LlamaEngineOptions) {
        const file = await checkModelFile(options.modelPath);
        const llama = options.llama ?? await getLlama({
            gpu: resolveGpuOption(options.gpu),
            // Only the binaries shipped in the npm packages: never download or compile at run time.
            build: "never",
            progressLogs: false
        });
        const ownsLlama = options.llama == null;
        let model: LlamaModel | undefined;
        try {
            model = await llama.loadModel({
                modelPath: options.modelPath,
                onLoadProgress: options.onLoadProgress
            });
            const parameters = countParameters(model.fileInfo);
            const threads = options.threads ?? defaultThreads(parameters, hasPersistentThreadPool(llama));
            const creatingContext = model.createContext({
                sequences: options.sequences ?? defaultSequences,
                contextSize: options.contextSize ?? defaultContextSize(model.trainContextSize),
                threads,
                flashAttention: options.flashAttention ?? defaultFlashAttention({parameters, cpu: llama.gpu === false}),
                // Several requests' tokens share each batch; nothing else changes about results. (Waiting for every
                // generating sequence's token before a decode was measured and dropped: docs/performance.md.)
                batching: {itemPrioritizationStrategy: "maximumParallelism"}
            });
            await contextInitStarted(llama, creatingContext);
            options.whileCreatingContext?.();
            // Matching the model's template to a chat wrapper renders it many times (≈ 100 ms of JS for ChatML, 313 ms
            // for Qwen 3's on a llama file), so it runs while llama.cpp creates the context on its threads, not after.
            const chatWrapper = resolveChatWrapperWhile(model, creatingContext);
            const context = await creatingContext;
            const info: EngineModelInfo = {
                id: path.basename(options.modelPath).replace(/\.gguf$/i, ""),
                createdAt: Math.floor(file.mtimeMs / 1000),
                backend: llama.gpu === false ? "cpu" : llama.gpu,
                contextLength: context.contextSize,
                trainContextLength: model.trainContextSize,
                parameters,
                sizeBytes: file.size,
                chatTemplate: hasChatTemplate(model) ? "model" : "default",
                architecture: String(model.fileInfo.metadata.general?.architecture ?? "unknown"),
                chatWrapper: chatWrapper.wrapperName,
                // A wrapper with no call syntax of its own keeps the base class's generic one.
                toolCalls: chatWrapper.settings.functions.call.prefix === ChatWrapper.defaultSettings.functions.call.prefix ? "generic" : "native",
                reasoning: chatWrapper.settings.segments?.thought != null
            };
            return new LlamaEngine({
                llama, ownsLlama, model, context, chatWrapper, info, threads, maxQueue: options.maxQueue ?? 32,
                promptCacheBytes: options.promptCacheBytes ?? defaultPromptCacheBytes()
            });
        } catch (error) {
            await model?.dispose();
            // After a failed load (e.g. a truncated file) node-llama-cpp's `llama.dispose()` sometimes never settles
            // (seen with 3.21.1 in test/hardening/faults.test.ts); the error must still reach the user, so don't wait long.
            if (ownsLlama) await Promise.race([llama.dispose(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
            if (error instanceof EngineError) throw error;
            throw new EngineError("model_load_failed",
                `${path.basename(options.modelPath)} could not be loaded: it is truncated, corrupt or of an unsupported kind (${(error as Error).message}).`,
                {cause: error});
        }
    }

    public get threads() {
        return this._threads;
    }

    /** Sequences in the pool, free ones and requests waiting. */
    public get load() {
        const pool = this._runtime.pool;
        return {sequences: pool.size, free: pool.freeCount, queued: pool.queuedCount};
    }

    /**
     * Prompt tokens llama.cpp has really evaluated on this engine's sequences, all requests together; tokens reused
     * from a sequence's previous request are not evaluated again. (llama.cpp counts the last token of each prompt,
     * whose logits it reads, as output, so a prompt of n new tokens adds n − 1 here.) For tests and diagnostics.
     */
    public get evaluatedInputTokens() {
        return this._sequences.reduce((sum, sequence) => sum + sequence.tokenMeter.usedInputTokens, 0);
    }

    /** The prompt cache's entries, bytes and folder; `null` when it is off. For tests and diagnostics. */
    public get promptCache(): PromptCacheStats | null {
        return this._promptCache?.stats ?? null;
    }

    /** Throws `model_not_found` unless `model` is omitted or names the loaded model. */
    public assertModel(model: string | null | undefined) {
        if (model != null && model !== this.info.id)
            throw new EngineError("model_not_found", `The model "${model}" is not loaded. The loaded model is "${this.info.id}"; use that id or omit "model".`, {param: "model"});
    }

    /** Generates the request's choices: a chat prompt through the model's chat template, a text prompt as it is. */
    public generate(request: GenerationRequest, options: GenerateOptions = {}): Promise<Generation> {
        this._assertUsable();
        return generateChoices(request, options, (one, choiceOptions) => one.prompt.type === "chat"
            ? generateChat(this._runtime, {...one, prompt: one.prompt}, choiceOptions)
            : generateText(this._runtime, {...one, prompt: one.prompt}, choiceOptions));
    }

    /**
     * The tokens a chat request's prompt takes as the model would read it (template, tools and forced-call set-up
     * included): the `promptTokens` its generation would report. Needs no sequence, so it never waits.
     */
    public async countPromptTokens(request: GenerationRequest & {prompt: ChatPrompt}): Promise<number> {
        this._assertUsable();
        return (await renderChatPrompt(this._runtime, request)).tokens.length;
    }

    /** Embeddings, one input at a time (the embedding context has one sequence). */
    public embed(inputs: readonly (string | readonly number[])[], options: {signal?: AbortSignal} = {}): Promise<EmbedResult> {
        this._assertUsable();
        return withLock([this, "embedding"], async () => {
            this._embeddingContext ??= this._model.createEmbeddingContext({
                contextSize: this._runtime.contextSize,
                threads: this._threads
            });
            return embed(await this._embeddingContext, this._runtime, inputs, options);
        });
    }

    /** Stops taking requests and frees the model; running generations fail. Repeat-safe. */
    public async dispose() {
        if (this._disposed) return;
        this._disposed = true;
        this._runtime.pool.dispose();
        await this._promptCache?.dispose();
        await (await this._embeddingContext?.catch(() => null))?.dispose();
        await this._context.dispose();
        await this._model.dispose();
        if (this._ownsLlama) await this._llama.dispose();
    }

    public async [Symbol.asyncDispose]() {
        await this.dispose();
    }

    private _assertUsable() {
        if (this._disposed) throw new EngineError("engine_disposed", "The model has been unloaded.");
    }

    private _schemaGrammar(schema: object) {
        const key = JSON.stringify(schema);
        let grammar = this._grammars.get(key);
        if (grammar == null) {
            grammar = (async () => {
                const compiled = compileJsonSchema(schema);
                // Imported on the first schema: ajv's 2020 dialect and formats are ≈ 30 ms of every start otherwise
                const {createSchemaValidator} = await import("./grammar/createSchemaValidator.js");
                return {grammar: await this._llama.createGrammar({grammar: compiled.gbnf}), validate: createSchemaValidator(schema)};
            })();
            grammar.catch(() => this._grammars.delete(key));
            if (this._grammars.size >= maxGrammars) this._grammars.delete(this._grammars.keys().next().value!);
            this._grammars.set(key, grammar);
        }
        return grammar;
    }
}

function hasChatTemplate(model: LlamaModel) {
    return model.fileInfo.metadata.tokenizer?.chat_template != null;
}

/**
 * Resolves once llama.cpp's context init runs on its own threads (node-llama-cpp holds its `addonInit` lock over it),
 * when `creating` settles, or after `boundMs`. node-llama-cpp reaches the init after steps that wait on its own worker
 * calls (the memory checks), so JS run before then holds the init back by as long as it runs: ≈ 400 ms of a bench-80m
 * start went so to the chat wrapper and the server's build. `_memoryLock` is internal: if it goes, this waits `boundMs`.
 */
async function contextInitStarted(llama: Llama, creating: Promise<unknown>, boundMs = 100) {
    let settled = false;
    void creating.then(() => settled = true, () => settled = true);
    const initLock = [(llama as unknown as {_memoryLock: object})._memoryLock, "addonInit"] as const;
    const started = performance.now();
    while (!settled && !isLockActive(initLock) && performance.now() - started < boundMs)
        await sleep(1);
}

/** The model's chat wrapper, resolved while `context` is being created; a throw leaves no context behind. */
function resolveChatWrapperWhile(model: LlamaModel, context: Promise<LlamaContext>) {
    try {
        return hasChatTemplate(model) ? resolveChatWrapper(model) : new GeneralChatWrapper();
    } catch (error) {
        void context.then((created) => created.dispose(), () => undefined);
        throw error;
    }
}

/**
 * Whether the loaded llama.cpp keeps a thread pool between decodes: the local build (scripts/build-engine.sh, patched
 * to attach one); node-llama-cpp's prebuilt binaries start and join their threads on every decode.
 */
export function hasPersistentThreadPool(llama: Llama) {
    return llama.buildType === "localBuild";
}
