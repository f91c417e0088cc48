import type {Token} from "node-llama-cpp";
import type {GenerationEvent} from "../generation/GenerationEvent.js";
import type {TokenLogprob} from "../generation/TokenLogprob.js";
import type {JsonAnswerGuard} from "../json/JsonAnswerGuard.js";
import type {LogprobRecorder} from "../logprobs/LogprobRecorder.js";

export type ChatAnswerTextOptions = {
    choice: number,
    onEvent?(event: GenerationEvent): void,

    /** Present when the request asked for log-probabilities. */
    recorder: LogprobRecorder | null,

    /** Present when the answer is JSON that `maxTokens` must not leave unclosed. */
    guard: JsonAnswerGuard | null
};

/**
 * The text of one chat answer as LlamaChat reports it (a chunk's tokens through `onToken`, then its text through
 * `onTextChunk`): passed on as events with their log-probabilities, held back where a JSON guard says so, and summed
 * up at the end.
 */
export class ChatAnswerText {
    private readonly _options: ChatAnswerTextOptions;
    private _pendingTokens: readonly Token[] = [];
    private _text = "";
    private _reasoning = "";
    /** The thought's trailing whitespace so far: passed on only if more thought follows it. */
    private _reasoningWhitespace = "";
    /** After reasoning, the whitespace the template puts before the answer is no part of it. */
    private _trimLeading = false;
    private readonly _logprobs: TokenLogprob[] = [];

    public constructor(options: ChatAnswerTextOptions) {
        this._options = options;
    }

    public onToken(tokens: readonly Token[]) {
        this._pendingTokens = tokens;
    }

    /**
     * A piece of the model's thought segment. The thought is trimmed: a wrapper whose thought markers hold no line
     * breaks (DeepSeek's `<think>`) passes on those the template writes inside them, Qwen's keeps them in its markers.
     */
    public onReasoning(text: string) {
        if (text === "") return;
        this._trimLeading = this._text === "";
        let piece = this._reasoningWhitespace + text;
        if (this._reasoning === "") piece = piece.replace(/^\s+/, "");
        const thought = piece.replace(/\s+$/, "");
        this._reasoningWhitespace = piece.slice(thought.length);
        if (thought === "") return;
        this._reasoning += thought;
        this._options.onEvent?.({type: "reasoning", choice: this._options.choice, text: thought});
    }

    public onTextChunk(chunk: string) {
        let logprobs = this._options.recorder?.take(this._pendingTokens) ?? [];
        const tokens = this._pendingTokens.length;
        this._pendingTokens = [];
        let text = chunk;
        if (this._trimLeading) {
            text = text.replace(/^\s+/, "");
            if (text === "") return;
            this._trimLeading = false;
            // The trimmed whitespace's tokens are no part of the answer either.
            logprobs = logprobs.filter((entry) => entry.token.trim() !== "");
        }
        if (this._options.guard == null) return this._pass(text, logprobs);
        const piece = this._options.guard.push(text, tokens, logprobs);
        if (piece != null) this._pass(piece.text, piece.logprobs);
    }

    /** The generation ended (`cutShort`: by `maxTokens`); returns the answer, and its tokens when a guard closed it. */
    public finish(cutShort: boolean): {text: string, reasoning: string, logprobs: TokenLogprob[] | null, closedTokens: number | null} {
        let closedTokens: number | null = null;
        if (this._options.guard != null) {
            const {piece, answerTokens} = this._options.guard.finish(cutShort);
            if (piece != null) this._pass(piece.text, piece.logprobs);
            if (cutShort) closedTokens = answerTokens;
        }
        return {text: this._text, reasoning: this._reasoning, logprobs: this._options.recorder == null ? null : this._logprobs, closedTokens};
    }

    private _pass(text: string, logprobs: TokenLogprob[]) {
        this._text += text;
        this._logprobs.push(...logprobs);
        this._options.onEvent?.({
            type: "text", choice: this._options.choice, text, ...(this._options.recorder == null ? {} : {logprobs})
        });
    }
}
