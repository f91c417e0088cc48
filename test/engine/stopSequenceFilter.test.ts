import {describe, expect, it} from "vitest";
import {StopSequenceFilter} from "../../src/engine/text/StopSequenceFilter.js";

/** Feeds chunks of one token each and returns what was passed on, whether it stopped, and the answer's tokens. */
function run(stops: string[], chunks: string[]) {
    const filter = new StopSequenceFilter(stops);
    let text = "";
    for (const chunk of chunks) {
        const result = filter.push(chunk, 1);
        text += result.text;
        if (result.stopped) return {text, stopped: true, tokens: filter.answerTokens};
    }
    return {text: text + filter.flush(), stopped: false, tokens: filter.answerTokens};
}

describe("StopSequenceFilter", () => {
    it("passes everything on when there is no stop", () => {
        expect(run([], [" Once", " upon", " a"])).toEqual({text: " Once upon a", stopped: false, tokens: 3});
    });

    it("ends before a stop inside a token, keeping that token's text before it", () => {
        expect(run(["little"], [",", " there", " was", " a", " little", " girl"])).toEqual({text: ", there was a ", stopped: true, tokens: 5});
    });

    it("finds a stop that spans several tokens and spaces", () => {
        expect(run([" girl named"], [" a", " little", " girl", " nam", "ed", " Lily"])).toEqual({text: " a little", stopped: true, tokens: 2});
    });

    it("withholds a possible stop start and passes it on when it turns out not to be one", () => {
        const filter = new StopSequenceFilter(["girl named"]);
        expect(filter.push(" a gi", 1)).toEqual({text: " a ", stopped: false});
        expect(filter.push("rl", 1)).toEqual({text: "", stopped: false});
        expect(filter.push(" who", 1)).toEqual({text: "girl who", stopped: false});
        expect(filter.answerTokens).toBe(3);
    });

    it("flushes a withheld possible stop start when the generation ends", () => {
        expect(run(["girl named"], [" a", " girl"])).toEqual({text: " a girl", stopped: false, tokens: 2});
    });

    it("stops at the earliest of several stops", () => {
        expect(run(["Lily", "."], [" named", " Lily", "."])).toEqual({text: " named ", stopped: true, tokens: 2});
    });

    it("doesn't count a token that holds only stop text, but counts one split by the stop", () => {
        expect(run(["END"], ["ab", "END"])).toEqual({text: "ab", stopped: true, tokens: 1});
        expect(run(["END"], ["abE", "ND"])).toEqual({text: "ab", stopped: true, tokens: 1});
    });

    it("ignores empty stop strings", () => {
        expect(run([""], ["a", "b"])).toEqual({text: "ab", stopped: false, tokens: 2});
    });
});
