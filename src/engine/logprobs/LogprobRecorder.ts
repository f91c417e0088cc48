import type {LlamaContextSequence, LlamaModel, Token} from "node-llama-cpp";
import type {TokenLogprob} from "../generation/TokenLogprob.js";

type Sampled = {token: Token, probabilities: ReadonlyMap<Token, number>};

/**
 * Records each sampled token's probability distribution while node-llama-cpp's LlamaChat or LlamaCompletion generates
 * on a sequence, and turns the answer's tokens into log-probabilities. node-llama-cpp's generators don't expose
 * probabilities; both drive the sequence through `sequence.evaluate()`, which is `evaluateWithMetadata()` without
 * metadata, so for one leased sequence `evaluate` is shadowed by the same call asking for probabilities. The
 * distribution is the one the token was sampled from: after temperature, top-k/top-p, penalties and grammar; at
 * temperature 0 it is the model's own (the sampler then only picks the most likely token).
 */
export class LogprobRecorder {
    private readonly _model: LlamaModel;
    private readonly _top: number;
    private readonly _sampled: Sampled[] = [];
    private _next = 0;
    private _previous: Token[] = [];

    public constructor(model: LlamaModel, options: {top: number}) {
        this._model = model;
        this._top = options.top;
    }

    /** Starts recording on `sequence`; the returned function stops (call it before the sequence is released). */
    public attach(sequence: LlamaContextSequence): () => void {
        const shadowed = sequence as unknown as {evaluate: LlamaContextSequence["evaluate"]};
        const sampled = this._sampled;
        shadowed.evaluate = async function* (tokens, options) {
            const iterator = sequence.evaluateWithMetadata(tokens, {probabilities: true}, options);
            let input: Token | Token[] | void = undefined;
            try {
                while (true) {
                    const {value, done} = await iterator.next(input);
                    if (done) return;
                    sampled.push({token: value.token, probabilities: value.probabilities});
                    input = yield value.token;
                }
            } finally {
                await iterator.return();
            }
        } as LlamaContextSequence["evaluate"];
        return () => {
            delete (shadowed as Partial<typeof shadowed>).evaluate;
        };
    }

    /**
     * The log-probabilities of the answer's next `tokens` (as the generator reports them, in order). Sampled tokens
     * that are not among them (an end-of-turn token, a stop text's tokens) are skipped.
     */
    public take(tokens: readonly Token[]): TokenLogprob[] {
        const result: TokenLogprob[] = [];
        for (const token of tokens) {
            let index = this._next;
            while (index < this._sampled.length && this._sampled[index]!.token !== token) index++;
            if (index === this._sampled.length) continue;
            this._next = index + 1;
            result.push(this._toLogprob(this._sampled[index]!));
            this._previous = [token];
        }
        return result;
    }

    private _toLogprob({token, probabilities}: Sampled): TokenLogprob {
        return {...this._describe(token), logprob: toLogprob(probabilities.get(token) ?? 0), top: this._topOf(probabilities)};
    }

    private _topOf(probabilities: ReadonlyMap<Token, number>) {
        if (this._top === 0) return [];
        // llama.cpp hands the candidates over sorted by probability; sorted again only if it ever stops doing so.
        let entries = [...take(probabilities.entries(), this._top + 1)];
        if (entries.some((entry, index) => index > 0 && entry[1] > entries[index - 1]![1]))
            entries = [...probabilities.entries()].sort((a, b) => b[1] - a[1]);
        return entries.slice(0, this._top).map(([token, probability]) => ({...this._describe(token), logprob: toLogprob(probability)}));
    }

    private _describe(token: Token) {
        // With the previous token as context, SentencePiece's leading space comes out as the model writes it.
        const text = this._model.detokenize([token], false, this._previous);
        return {token: text, bytes: [...Buffer.from(text, "utf8")]};
    }
}

function toLogprob(probability: number) {
    // A probability a rounding step above 1 would give a log above 0.
    return probability > 0 ? Math.min(0, Math.log(probability)) : -9999;
}

function* take<T>(iterator: Iterator<T>, count: number) {
    for (let index = 0; index < count; index++) {
        const next = iterator.next();
        if (next.done === true) return;
        yield next.value;
    }
}
