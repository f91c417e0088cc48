import type {TokenLogprob} from "../generation/TokenLogprob.js";
import {JsonCloser} from "./JsonCloser.js";

type Piece = {text: string, tokens: number, logprobs: TokenLogprob[]};

export type JsonAnswerGuardOptions = {
    /** The answer's token budget. */
    maxTokens: number,

    /** Tokens a piece of text takes (to price a closer). */
    countTokens(text: string): number,

    /** Whether a closed answer may be returned (e.g. it still matches the schema). Default: any that parses. */
    accept?(text: string): boolean
};

/**
 * Keeps a JSON answer that `maxTokens` cuts short from coming back as truncated JSON: text is passed on only up to
 * the last point where what is open can still be closed within the budget (its closing quotes and brackets priced in
 * tokens); when the budget runs out, the answer ends at that point, closed. The finish reason stays `length`.
 */
export class JsonAnswerGuard {
    private readonly _options: JsonAnswerGuardOptions;
    private readonly _closer = new JsonCloser();
    private _held: Piece[] = [];
    private _tokens = 0;
    private _passed = "";
    private _safe: {closer: string, closerTokens: number, tokens: number} | null = null;

    public constructor(options: JsonAnswerGuardOptions) {
        this._options = options;
    }

    /** Takes generated text (and its tokens); returns what can be passed on now. */
    public push(text: string, tokens: number, logprobs: TokenLogprob[] = []): Piece | null {
        this._held.push({text, tokens, logprobs});
        this._tokens += tokens;
        this._closer.push(text);
        const closer = this._closer.closer;
        if (closer == null) return null;
        const closerTokens = closer === "" ? 0 : this._options.countTokens(closer);
        if (this._tokens + closerTokens > this._options.maxTokens) return null;
        this._safe = {closer, closerTokens, tokens: this._tokens};
        return this._release();
    }

    /**
     * The generation ended. Cut short by the budget: the held text is dropped and the closer ends the answer (unless
     * no point was ever closable, or `accept` refuses the closed answer: then everything held goes out as it is).
     * Returns the last piece and the answer's tokens (the closer's included).
     */
    public finish(cutShort: boolean): {piece: Piece | null, answerTokens: number} {
        if (cutShort && this._safe != null && this._options.accept?.(this._passed + this._safe.closer) !== false) {
            const {closer, closerTokens, tokens} = this._safe;
            this._held = [];
            this._passed += closer;
            return {piece: closer === "" ? null : {text: closer, tokens: closerTokens, logprobs: []}, answerTokens: tokens + closerTokens};
        }
        return {piece: this._release(), answerTokens: this._tokens};
    }

    private _release(): Piece | null {
        if (this._held.length === 0) return null;
        const piece = {
            text: this._held.map((held) => held.text).join(""),
            tokens: this._held.reduce((sum, held) => sum + held.tokens, 0),
            logprobs: this._held.flatMap((held) => held.logprobs)
        };
        this._held = [];
        this._passed += piece.text;
        return piece;
    }
}
