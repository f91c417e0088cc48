import {
    GeneralChatWrapper, LlamaChat, LlamaCompletion, resolveChatWrapper, type ChatHistoryItem, type Llama, type LlamaContext,
    type LlamaModel
} from "node-llama-cpp";
import {defaultContextSize} from "../../src/engine/defaultContextSize.js";
import {defaultSequences} from "../../src/engine/defaultSequences.js";

export type InProcessTiming = {ttftMs: number, decodeTokensPerSecond: number, tokens: number, text: string};

/** The sampling both sides get: OpenAI's `max_tokens`, `temperature` and `seed`. */
export type Sampling = {maxTokens: number, temperature: number, seed?: number};

export type InProcessBaselineOptions = {
    llama: Llama,
    modelPath: string,
    threads: number,

    /** Flash attention; `undefined` is node-llama-cpp's default. Pass what `tholos serve` picks for the model. */
    flashAttention: boolean | undefined
};

/**
 * node-llama-cpp used directly, as a script would without our server: `LlamaCompletion` and `LlamaChat` on its
 * sequences, with the settings `tholos serve` uses (sequences, context size, threads, flash attention, chat wrapper).
 * The reference the server's figures are divided by.
 */
export class InProcessBaseline {
    private readonly _model: LlamaModel;
    private readonly _context: LlamaContext;

    private constructor(model: LlamaModel, context: LlamaContext) {
        this._model = model;
        this._context = context;
    }

    public static async load(options: InProcessBaselineOptions) {
        const model = await options.llama.loadModel({modelPath: options.modelPath});
        const context = await model.createContext({
            sequences: defaultSequences,
            contextSize: defaultContextSize(model.trainContextSize),
            threads: options.threads,
            flashAttention: options.flashAttention
        });
        return new InProcessBaseline(model, context);
    }

    /** Sequences and tokens per sequence of its context, as `tholos serve` configures them. */
    public get contextShape() {
        return {sequences: this._context.totalSequences, contextSize: this._context.contextSize};
    }

    public async complete(prompt: string, sampling: Sampling): Promise<InProcessTiming> {
        const sequence = this._context.getSequence();
        const completion = new LlamaCompletion({contextSequence: sequence});
        try {
            // The server's prompt tokens (llama.cpp's tokenization, as llama-server's) and its mapping of OpenAI's
            // defaults: no repeat penalty (LlamaCompletion's own defaults tokenize differently and add one).
            const tokens = this._model.tokenize(prompt);
            return await measure((callbacks) =>
                completion.generateCompletion(tokens, {...sampling, repeatPenalty: false, ...callbacks}));
        } finally {
            completion.dispose({disposeSequence: true});
        }
    }

    /** One `LlamaCompletion` per prompt, all at once on separate sequences: aggregate tokens per second. */
    public async completeConcurrently(prompts: string[], sampling: (index: number) => Sampling) {
        const start = performance.now();
        const results = await Promise.all(prompts.map((prompt, index) => this.complete(prompt, sampling(index))));
        return results.reduce((sum, result) => sum + result.tokens, 0) / ((performance.now() - start) / 1000);
    }

    public async chat(history: ChatHistoryItem[], sampling: Sampling): Promise<InProcessTiming> {
        const sequence = this._context.getSequence();
        const chat = new LlamaChat({contextSequence: sequence, chatWrapper: this._chatWrapper()});
        try {
            return await measure(async (callbacks) => (await chat.generateResponse(history, {...sampling, ...callbacks})).response);
        } finally {
            chat.dispose({disposeSequence: true});
        }
    }

    /**
     * A conversation of `turns` user turns on one sequence and one LlamaChat (which reuses the cached prefix):
     * time to the first token of each turn, in ms.
     */
    public async conversation(openings: string[], sampling: Sampling) {
        const sequence = this._context.getSequence();
        const chat = new LlamaChat({contextSequence: sequence, chatWrapper: this._chatWrapper()});
        const history: ChatHistoryItem[] = [];
        const ttfts: number[] = [];
        try {
            for (const text of openings) {
                history.push({type: "user", text});
                const result = await measure(async (callbacks) => (await chat.generateResponse(history, {...sampling, ...callbacks})).response);
                history.push({type: "model", response: [result.text]});
                ttfts.push(result.ttftMs);
            }
            return ttfts;
        } finally {
            chat.dispose({disposeSequence: true});
        }
    }

    public countTokens(text: string) {
        return this._model.tokenize(text).length;
    }

    /** The wrapper `tholos serve` picks: the model's own template, else node-llama-cpp's general one. */
    private _chatWrapper() {
        return this._model.fileInfo.metadata.tokenizer?.chat_template != null
            ? resolveChatWrapper(this._model)
            : new GeneralChatWrapper();
    }

    public async dispose() {
        await this._context.dispose();
        await this._model.dispose();
    }
}

type Callbacks = {onToken(tokens: readonly unknown[]): void, onTextChunk(text: string): void};

/**
 * Times one generation as the server's client sees it: TTFT to the first non-empty text chunk (what a user would
 * see, and what the server can send; node-llama-cpp may hold a token back before its text is known), the decode rate
 * from there to the end over the tokens generated.
 */
async function measure(generate: (callbacks: Callbacks) => Promise<string>): Promise<InProcessTiming> {
    const start = performance.now();
    let first = 0;
    let tokens = 0;
    const text = await generate({
        onToken(chunk) {
            tokens += chunk.length;
        },
        onTextChunk(chunk) {
            if (first === 0 && chunk !== "") first = performance.now();
        }
    });
    const end = performance.now();
    // A generation whose only text came at the very end (max_tokens 1): the end is its first text.
    if (first === 0) first = end;
    return {ttftMs: first - start, decodeTokensPerSecond: tokens > 1 ? (tokens - 1) / ((end - first) / 1000) : NaN, tokens, text};
}
