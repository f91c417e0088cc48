import {getLlama, LlamaLogLevel, type LlamaModel} from "node-llama-cpp";

export type TestTokenizer = {
    /** The model loaded vocabulary-only: its tokenizer and special tokens, no weights. */
    model: LlamaModel,

    /** Every token id with its text. */
    vocabulary: readonly {token: number, text: string}[],
    dispose(): Promise<void>
};

/**
 * The model's own tokenizer, loaded apart from the engine under test so tests can count and pick tokens
 * independently of the code that reports them.
 */
export async function openTokenizer(modelPath: string): Promise<TestTokenizer> {
    const llama = await getLlama({gpu: false, build: "never", progressLogs: false, logLevel: LlamaLogLevel.error});
    try {
        const model = await llama.loadModel({modelPath, vocabOnly: true});
        const vocabulary = [...model.iterateAllTokens()].map((token) => ({token: token as number, text: model.detokenize([token], true)}));
        return {
            model,
            vocabulary,
            dispose: async () => {
                await model.dispose();
                await llama.dispose();
            }
        };
    } catch (error) {
        await llama.dispose();
        throw error;
    }
}
