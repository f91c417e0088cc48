import {
    GeneralChatWrapper, LlamaChat, LlamaCompletion, resolveChatWrapper, type ChatHistoryItem, type Llama, type LlamaContext,
    type LlamaModel
} from "node-llama-cpp";

export type InProcessTiming = {ttftMs: number, decodeTokensPerSecond: number, tokens: number, text: string};

export type InProcessBaselineOptions = {
    llama: Llama,
    modelPath: string,
    threads: number
};

/**
 * node-llama-cpp used directly, as a script would without our server: `LlamaCompletion` and `LlamaChat` on one
 * sequence, with the settings `tholos serve` uses (context size, threads, chat wrapper). The reference the server's
 * figures are divided by.
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
            sequences: 1,
            contextSize: Math.min(model.trainContextSize, 4096),
            threads: options.threads
        });
        return new InProcessBaseline(model, context);
    }

    public async complete(prompt: string, sampling: {maxTokens: number, temperature: number, seed?: number}): Promise<InProcessTiming> {
        const sequence = this._context.getSequence();
        const completion = new LlamaCompletion({contextSequence: sequence});
        try {
            return await measure((onToken) => completion.generateCompletion(prompt, {...sampling, onToken}));
        } finally {
            completion.dispose({disposeSequence: true});
        }
    }

    public async chat(history: ChatHistoryItem[], sampling: {maxTokens: number, temperature: number, seed?: number}): Promise<InProcessTiming> {
        const sequence = this._context.getSequence();
        // The wrapper `tholos serve` picks: the model's own template, else node-llama-cpp's general one.
        const chatWrapper = this._model.fileInfo.metadata.tokenizer?.chat_template != null
            ? resolveChatWrapper(this._model)
            : new GeneralChatWrapper();
        const chat = new LlamaChat({contextSequence: sequence, chatWrapper});
        try {
            return await measure(async (onToken) => (await chat.generateResponse(history, {...sampling, onToken})).response);
        } finally {
            chat.dispose({disposeSequence: true});
        }
    }

    public async dispose() {
        await this._context.dispose();
        await this._model.dispose();
    }
}

async function measure(generate: (onToken: (tokens: readonly unknown[]) => void) => Promise<string>): Promise<InProcessTiming> {
    const start = performance.now();
    let first = 0;
    let tokens = 0;
    const text = await generate((chunk) => {
        if (tokens === 0 && chunk.length > 0) first = performance.now();
        tokens += chunk.length;
    });
    const end = performance.now();
    return {ttftMs: first - start, decodeTokensPerSecond: tokens > 1 ? (tokens - 1) / ((end - first) / 1000) : NaN, tokens, text};
}
