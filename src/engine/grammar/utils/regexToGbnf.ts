import {JsonSchemaGrammarError} from "../JsonSchemaGrammarError.js";
import {codePointSetToGbnf} from "./codePointSetToGbnf.js";
import type {GbnfRuleSet} from "./GbnfRuleSet.js";
import {gbnfLiteral} from "./gbnfLiteral.js";
import {parseRegex, type RegexNode} from "./parseRegex.js";
import {repeatToGbnf} from "./repeatToGbnf.js";

export type RegexToGbnfOptions = {
    rules: GbnfRuleSet,

    /** Names the rules the pattern needs (repeated groups). */
    hint: string,

    /** Where the pattern is, for errors. */
    path: string
};

/** How JSON writes each character that must be escaped; the others are written as they are. */
const jsonEscapes = new Map<number, string>([
    [0x22, "\\\""], [0x5c, "\\\\"], [0x08, "\\b"], [0x0c, "\\f"], [0x0a, "\\n"], [0x0d, "\\r"], [0x09, "\\t"]
]);

/** Classes this small (digits, hex digits) are narrow: an open repetition of one may add at most `runCap`. */
const narrowClass = 22;
const runCap = 16;

type Emitted = {text: string, nullable: boolean} | null;

/**
 * A GBNF expression for the inside of a JSON string (between its quotes) whose decoded value matches `pattern`.
 * Characters are written as JSON encodes them (`"` as `\"`, a newline as `\n`), unlike llama.cpp's converter, which
 * would let `.` write a raw quote and break the JSON. Like JSON Schema (and validators), an end without `^`/`$` is
 * unanchored: any text may come before or after the match.
 * `exact` is false when a repetition count was too large for the grammar and only the check enforces it.
 */
export function regexToGbnf(pattern: string, {rules, hint, path}: RegexToGbnfOptions): {expression: string, exact: boolean} {
    const refuse = (construct: string): never => {
        throw new JsonSchemaGrammarError({keyword: "pattern", path, reason: `uses "pattern" with ${construct}, which can't be enforced,`});
    };
    let exact = true;
    let subRules = 0;

    const emit = (node: RegexNode): Emitted => {
        switch (node.type) {
            case "chars": {
                const text = codePointSetToGbnf(node.set);
                return text == null ? null : {text, nullable: false};
            }
            case "sequence": return emitSequence(node.items);
            case "alternation": {
                const options = node.options.map(emit).filter((option) => option != null);
                if (options.length === 0) return null;
                return {text: `(${options.map((option) => option.text).join(" | ")})`, nullable: options.some((option) => option.nullable)};
            }
            case "repeat": {
                if (node.max === 0) return {text: `""`, nullable: true};
                const item = emit(node.item);
                if (item == null) return node.min === 0 ? {text: `""`, nullable: true} : null;
                // llama.cpp refuses `x*` when x can match nothing: it is left recursion.
                if (item.nullable && (node.max == null || node.max > 1)) refuse("a repetition of something that can match nothing");
                // A run of digits or hex (`\d+`, `[0-9a-f]*`) is capped, as llama.cpp caps its number rules: small models
                // repeat a digit forever. Wider classes stay open; text ends when the model closes the string.
                const max = node.max == null && node.item.type === "chars" && node.item.set.size <= narrowClass ? node.min + runCap : node.max;
                const repeated = repeatToGbnf(item.text, node.min, max, {rules, hint: `${hint}-${++subRules}`});
                exact &&= repeated.exact;
                return {text: repeated.expression, nullable: node.min === 0 || item.nullable};
            }
            default: return refuse("an anchor (^ or $) inside the pattern");
        }
    };

    /** Runs of single characters become one literal. */
    const emitSequence = (items: RegexNode[]): Emitted => {
        const parts: string[] = [];
        let literal = "";
        let nullable = true;
        const flush = () => {
            if (literal !== "") parts.push(gbnfLiteral(literal));
            literal = "";
        };
        for (const item of items) {
            const codePoint = item.type === "chars" && item.set.size === 1 ? item.set.ranges[0]![0] : undefined;
            const isSurrogate = codePoint != null && codePoint >= 0xd800 && codePoint <= 0xdfff;
            if (codePoint != null && (codePoint >= 0x20 || jsonEscapes.has(codePoint)) && codePoint !== 0x7f && !isSurrogate) {
                literal += jsonEscapes.get(codePoint) ?? String.fromCodePoint(codePoint);
                nullable = false;
                continue;
            }
            flush();
            const emitted = emit(item);
            if (emitted == null) return null;
            parts.push(emitted.text);
            nullable &&= emitted.nullable;
        }
        flush();
        return {text: parts.length === 0 ? `""` : parts.join(" "), nullable};
    };

    const parsed = parseRegex(pattern, path);
    exact &&= parsed.unicode;
    const branches = parsed.branches.map((branch) => {
        const emitted = emit(branch.node);
        if (emitted == null) return null;
        const anyText = `${rules.primitive("char")}*`;
        return [branch.anchoredStart ? "" : anyText, emitted.text, branch.anchoredEnd ? "" : anyText].filter((part) => part !== "").join(" ");
    }).filter((branch) => branch != null);
    if (branches.length === 0)
        throw new JsonSchemaGrammarError({keyword: "pattern", path, reason: `has a "pattern" that only matches characters a JSON string can't hold,`});
    return {expression: branches.length === 1 ? branches[0]! : `(${branches.join(" | ")})`, exact};
}
