import {JsonSchemaGrammarError} from "../JsonSchemaGrammarError.js";
import {CodePointSet} from "./CodePointSet.js";

/** A parsed regex: one character out of a set, a sequence, alternatives, a repetition, or an anchor. */
export type RegexNode =
    | {type: "chars", set: CodePointSet}
    | {type: "sequence", items: RegexNode[]}
    | {type: "alternation", options: RegexNode[]}
    | {type: "repeat", item: RegexNode, min: number, max: number | null}
    | {type: "start"}
    | {type: "end"};

/** One top-level alternative of a pattern, its `^`/`$` taken off. */
export type RegexBranch = {node: RegexNode, anchoredStart: boolean, anchoredEnd: boolean};

/** `unicode` is false for a pattern only valid without the u flag, whose reading here may differ in corner cases. */
export type ParsedRegex = {branches: RegexBranch[], unicode: boolean};

const maxGroupDepth = 100;
const digits = CodePointSet.of([0x30, 0x39]);
const wordChars = CodePointSet.of([0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]);
/** ECMAScript's `\s`: WhiteSpace and LineTerminator. */
const whiteSpace = CodePointSet.of([0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
    [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]);
/** `.` without the `s` flag: anything but a line terminator. */
const dot = CodePointSet.of([0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]).complement();
const controlEscapes: Record<string, number> = {n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b, f: 0x0c};

/**
 * Parses a JSON Schema `pattern` (an ECMAScript regex, read with the `u` flag as validators do) into its top-level
 * alternatives. Throws a `JsonSchemaGrammarError` naming `pattern`, `path` and the construct for what a grammar can't
 * express (lookaround, backreferences, word boundaries, property escapes, inline flags, anchors inside the pattern)
 * and for a pattern that isn't a valid regex (with the u flag or, like `\d{3}\-\d{4}`, without).
 */
export function parseRegex(pattern: string, path: string): ParsedRegex {
    const refuse = (construct: string): never => {
        throw new JsonSchemaGrammarError({keyword: "pattern", path, reason: `uses "pattern" with ${construct}, which can't be enforced,`});
    };
    let unicode = true;
    try {
        new RegExp(pattern, "u");
    } catch {
        // Validators read patterns with the u flag; without it, identity escapes such as \- outside a class are valid.
        try {
            new RegExp(pattern);
            unicode = false;
        } catch {
            throw new JsonSchemaGrammarError({keyword: "pattern", path, reason: `has a "pattern" that is not a valid regex (${JSON.stringify(pattern)})`});
        }
    }

    const chars = Array.from(pattern);
    let index = 0;
    let depth = 0;
    const peek = (offset = 0) => chars[index + offset];
    const next = () => chars[index++]!;

    const parseAlternation = (): RegexNode => {
        const options = [parseSequence()];
        while (peek() === "|") {
            index++;
            options.push(parseSequence());
        }
        return options.length === 1 ? options[0]! : {type: "alternation", options};
    };

    const parseSequence = (): RegexNode => {
        const items: RegexNode[] = [];
        while (index < chars.length && peek() !== "|" && peek() !== ")") {
            const atom = parseAtom();
            const quantifier = parseQuantifier();
            items.push(quantifier == null ? atom : {type: "repeat", item: atom, ...quantifier});
        }
        return items.length === 1 ? items[0]! : {type: "sequence", items};
    };

    const parseQuantifier = (): {min: number, max: number | null} | undefined => {
        let quantifier: {min: number, max: number | null} | undefined;
        const char = peek();
        if (char === "*") quantifier = {min: 0, max: null};
        else if (char === "+") quantifier = {min: 1, max: null};
        else if (char === "?") quantifier = {min: 0, max: 1};
        else if (char === "{") {
            const match = /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(index, index + 24).join(""));
            if (match == null) return undefined;
            index += match[0].length - 1;
            const min = Number(match[1]);
            quantifier = {min, max: match[2] == null ? min : match[3] === "" ? null : Number(match[3])};
        } else return undefined;
        index++;
        if (peek() === "?") index++; // lazy: matches the same strings
        return quantifier;
    };

    const parseAtom = (): RegexNode => {
        const char = next();
        if (char === "(") return parseGroup();
        if (char === "[") return {type: "chars", set: parseClass()};
        if (char === ".") return {type: "chars", set: dot};
        if (char === "^") return {type: "start"};
        if (char === "$") return {type: "end"};
        if (char === "\\") return {type: "chars", set: parseEscape(false)};
        return {type: "chars", set: CodePointSet.ofChars(char)};
    };

    const parseGroup = (): RegexNode => {
        if (peek() === "?") {
            const kind = chars.slice(index, index + 3).join("");
            if (kind.startsWith("?:")) index += 2;
            else if (kind.startsWith("?=") || kind.startsWith("?!")) refuse("a lookahead ((?=…) or (?!…))");
            else if (kind === "?<=" || kind === "?<!") refuse("a lookbehind ((?<=…) or (?<!…))");
            else if (kind.startsWith("?<")) index = chars.indexOf(">", index) + 1; // a named group is a group
            else refuse("inline flags ((?i…) and the like)");
        }
        if (++depth > maxGroupDepth) refuse(`groups nested deeper than ${maxGroupDepth}`);
        const node = parseAlternation();
        depth--;
        index++; // ")", which the RegExp check above guarantees
        return node;
    };

    const parseClass = (): CodePointSet => {
        const negated = peek() === "^";
        if (negated) index++;
        let set = CodePointSet.empty;
        while (peek() !== "]") {
            const from = parseClassAtom();
            if (peek() === "-" && peek(1) !== "]" && peek(1) != null && from.size === 1) {
                index++;
                const to = parseClassAtom();
                set = set.union(CodePointSet.of([from.ranges[0]![0], to.ranges[0]![0]]));
            } else set = set.union(from);
        }
        index++;
        return negated ? set.complement() : set;
    };

    const parseClassAtom = (): CodePointSet => {
        const char = next();
        return char === "\\" ? parseEscape(true) : CodePointSet.ofChars(char);
    };

    const parseEscape = (inClass: boolean): CodePointSet => {
        const char = next();
        switch (char) {
            case "d": return digits;
            case "D": return digits.complement();
            case "w": return wordChars;
            case "W": return wordChars.complement();
            case "s": return whiteSpace;
            case "S": return whiteSpace.complement();
            case "b":
                if (inClass) return CodePointSet.of([0x08, 0x08]);
                return refuse("a word boundary (\\b)");
            case "B": return refuse("a word boundary (\\B)");
            case "k": return refuse("a backreference (\\k<…>)");
            case "p": case "P": return refuse("a Unicode property escape (\\p{…})");
            case "0": return CodePointSet.of([0, 0]);
            case "c": {
                const letter = next().codePointAt(0)!;
                return CodePointSet.of([letter % 32, letter % 32]);
            }
            case "x": return single(parseHex(2));
            case "u": return single(parseUnicodeEscape());
            default:
                if (/[1-9]/.test(char)) return refuse("a backreference (\\1…)");
                if (char in controlEscapes) return single(controlEscapes[char]!);
                return CodePointSet.ofChars(char); // an escaped syntax character, "/" or "-"
        }
    };

    const parseHex = (length: number) => {
        const hex = chars.slice(index, index + length).join("");
        index += length;
        return parseInt(hex, 16);
    };

    const parseUnicodeEscape = (): number => {
        if (peek() === "{") {
            const end = chars.indexOf("}", index);
            const codePoint = parseInt(chars.slice(index + 1, end).join(""), 16);
            index = end + 1;
            return codePoint;
        }
        const unit = parseHex(4);
        // With the u flag, an escaped surrogate pair is one character.
        if (unit >= 0xd800 && unit <= 0xdbff && peek() === "\\" && peek(1) === "u" && /^[dD][c-fC-F]/.test(chars.slice(index + 2, index + 4).join(""))) {
            index += 2;
            const low = parseHex(4);
            return 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
        }
        return unit;
    };

    const root = parseAlternation();
    const branches = (root.type === "alternation" ? root.options : [root]).map((option) => {
        const items = option.type === "sequence" ? [...option.items] : [option];
        let anchoredStart = false;
        let anchoredEnd = false;
        while (items[0]?.type === "start") {
            items.shift();
            anchoredStart = true;
        }
        while (items.at(-1)?.type === "end") {
            items.pop();
            anchoredEnd = true;
        }
        const node: RegexNode = items.length === 1 ? items[0]! : {type: "sequence", items};
        if (hasAnchor(node)) refuse("an anchor (^ or $) inside the pattern");
        return {node, anchoredStart, anchoredEnd};
    });
    return {branches, unicode};
}

function single(codePoint: number): CodePointSet {
    return CodePointSet.of([codePoint, codePoint]);
}

function hasAnchor(node: RegexNode): boolean {
    switch (node.type) {
        case "start": case "end": return true;
        case "sequence": return node.items.some(hasAnchor);
        case "alternation": return node.options.some(hasAnchor);
        case "repeat": return hasAnchor(node.item);
        default: return false;
    }
}
