import type {GbnfRuleSet} from "./GbnfRuleSet.js";

/**
 * llama.cpp refuses a repetition of more than 2000 (and more than 2000 rules made by one), so counts beyond this are
 * left to the check: a larger minimum is lowered to it, a larger maximum dropped.
 */
const maxGrammarRepetition = 1000;

/** A rule name, a literal or a character class: something GBNF repeats as one symbol. */
const simpleSymbol = /^(?:[a-zA-Z0-9-]+|"(?:[^"\\]|\\.)*"|\[(?:[^\]\\]|\\.)*\])$/;

export type RepeatToGbnfOptions = {
    rules: GbnfRuleSet,

    /** Names the rule `item` is moved into when it isn't a single symbol. */
    hint: string
};

/**
 * `item` repeated `min` to `max` times (`null`: no upper bound), as a GBNF expression. An item that isn't a single
 * symbol becomes a rule first, so the repetition counts one rule in llama.cpp's limit. `exact` is false when a count
 * beyond `maxGrammarRepetition` was relaxed and the check must enforce it.
 */
export function repeatToGbnf(
    item: string, min: number, max: number | null, {rules, hint}: RepeatToGbnfOptions
): {expression: string, exact: boolean} {
    let exact = true;
    if (min > maxGrammarRepetition) {
        min = maxGrammarRepetition;
        exact = false;
    }
    if (max != null && max > maxGrammarRepetition) {
        max = null;
        exact = false;
    }
    if (max === 0) return {expression: `""`, exact};
    const symbol = simpleSymbol.test(item) ? item : rules.add(hint, item);
    let quantifier: string;
    if (min === 0 && max === 1) quantifier = "?";
    else if (min === 0 && max == null) quantifier = "*";
    else if (min === 1 && max == null) quantifier = "+";
    else if (min === 1 && max === 1) quantifier = "";
    else if (max == null) quantifier = `{${min},}`;
    else quantifier = min === max ? `{${min}}` : `{${min},${max}}`;
    return {expression: symbol + quantifier, exact};
}
