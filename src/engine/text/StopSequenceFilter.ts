type Chunk = {
    text: string,
    tokens: number,

    /** Part of the chunk's text was already passed on, so its tokens belong to the answer whatever follows. */
    partlyPassed: boolean
};

export type StopSequenceFilterResult = {
    /** Text now certain to belong to the answer. */
    text: string,

    /** Whether a stop sequence was found; the answer ends before it, and nothing more is passed on. */
    stopped: boolean
};

/**
 * Applies OpenAI's `stop` to generated text as it streams: text that can no longer be the start of a stop sequence
 * is passed on, text that might be is withheld until the next chunk decides, and at the first stop sequence the
 * answer ends just before it (a token holding both answer text and stop text gives up only the stop text).
 * It also counts the tokens that make up the answer: a token holding only stop text isn't one of them.
 */
export class StopSequenceFilter {
    private readonly _stops: readonly string[];
    private readonly _longestStop: number;
    private _withheld: Chunk[] = [];
    private _answerTokens = 0;
    private _stopped = false;

    /** `stops`: the request's stop sequences; empty strings are ignored. */
    public constructor(stops: readonly string[]) {
        this._stops = stops.filter((stop) => stop !== "");
        this._longestStop = Math.max(0, ...this._stops.map((stop) => stop.length));
    }

    public get stopped() {
        return this._stopped;
    }

    /** Tokens of the text passed on so far. */
    public get answerTokens() {
        return this._answerTokens;
    }

    /** Takes the next generated text and the number of tokens it came from. */
    public push(text: string, tokens: number): StopSequenceFilterResult {
        if (this._stopped) return {text: "", stopped: true};
        this._withheld.push({text, tokens, partlyPassed: false});
        const buffer = this._withheld.map((chunk) => chunk.text).join("");

        const stopAt = this._firstStop(buffer);
        if (stopAt >= 0) {
            this._stopped = true;
            this._passUpTo(stopAt);
            for (const chunk of this._withheld)
                if (chunk.partlyPassed) this._answerTokens += chunk.tokens;
            this._withheld = [];
            return {text: buffer.slice(0, stopAt), stopped: true};
        }

        const release = buffer.length - this._possibleStopStart(buffer);
        this._passUpTo(release);
        return {text: buffer.slice(0, release), stopped: false};
    }

    /** The generation ended without a stop sequence: everything withheld belongs to the answer. */
    public flush(): string {
        const text = this._withheld.map((chunk) => chunk.text).join("");
        this._passUpTo(text.length);
        return text;
    }

    /** Passes on the first `length` characters of the withheld text, counting the tokens they came from. */
    private _passUpTo(length: number) {
        const rest: Chunk[] = [];
        let offset = 0;
        for (const chunk of this._withheld) {
            const start = offset;
            offset += chunk.text.length;
            if (offset <= length) {
                this._answerTokens += chunk.tokens;
                continue;
            }
            if (start < length)
                rest.push({text: chunk.text.slice(length - start), tokens: chunk.tokens, partlyPassed: true});
            else
                rest.push(chunk);
        }
        this._withheld = rest;
    }

    private _firstStop(buffer: string) {
        let first = -1;
        for (const stop of this._stops) {
            const index = buffer.indexOf(stop);
            if (index >= 0 && (first < 0 || index < first)) first = index;
        }
        return first;
    }

    /** Length of the longest end of `buffer` that some stop sequence starts with. */
    private _possibleStopStart(buffer: string) {
        for (let length = Math.min(buffer.length, this._longestStop - 1); length > 0; length--) {
            const tail = buffer.slice(buffer.length - length);
            if (this._stops.some((stop) => stop.startsWith(tail))) return length;
        }
        return 0;
    }
}
