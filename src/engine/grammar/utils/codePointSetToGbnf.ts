import {CodePointSet} from "./CodePointSet.js";
import {gbnfLiteral} from "./gbnfLiteral.js";

/**
 * Characters a JSON string may hold as they are. Control characters, `"` and `\` must be escaped; DEL and lone
 * surrogates are kept out too, so a raw character is always one a tokenizer writes and one code point long.
 */
const rawInJson = CodePointSet.of([0x20, 0x21], [0x23, 0x5b], [0x5d, 0x7e], [0x80, 0xd7ff], [0xe000, 0x10ffff]);

/** The characters JSON escapes with a letter, in the escape's form. */
const shortEscapes = new Map<number, string>([
    [0x22, "\\\""], [0x5c, "\\\\"], [0x08, "\\b"], [0x0c, "\\f"], [0x0a, "\\n"], [0x0d, "\\r"], [0x09, "\\t"]
]);

/**
 * A GBNF expression for one character of `set` as it appears inside a JSON string: a character class for the raw
 * ones, plus the escapes (`\"`, `\\`, `\n`…) for those that must be escaped. Other control characters are written as
 * `\u00XX` only when the set holds nothing else, so a pattern's `.` or `[^…]` never makes a model write them.
 * Returns `undefined` for a set with no character a JSON string can hold.
 */
export function codePointSetToGbnf(set: CodePointSet): string | undefined {
    const alternatives: string[] = [];
    const raw = set.intersect(rawInJson);
    if (!raw.isEmpty) alternatives.push(charClass(raw));
    for (const [codePoint, escape] of shortEscapes)
        if (set.has(codePoint)) alternatives.push(gbnfLiteral(escape));
    if (alternatives.length === 0) {
        const controls = set.intersect(CodePointSet.of([0, 0x1f], [0x7f, 0x7f]));
        for (const [from, to] of controls.ranges)
            for (let codePoint = from; codePoint <= to; codePoint++)
                alternatives.push(gbnfLiteral("\\u" + codePoint.toString(16).padStart(4, "0")));
    }
    if (alternatives.length === 0) return undefined;
    return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(" | ")})`;
}

/** `[…]` or, when that is shorter, `[^…]` of the complement (which then covers the characters written escaped). */
function charClass(set: CodePointSet): string {
    const complement = set.complement();
    if (complement.ranges.length < set.ranges.length) return `[^${classRanges(complement)}]`;
    return `[${classRanges(set)}]`;
}

function classRanges(set: CodePointSet): string {
    return set.ranges.map(([from, to]) => from === to ? classChar(from) : `${classChar(from)}-${classChar(to)}`).join("");
}

/** Letters and digits as they are, anything else as a hex escape, so no character can mean `]`, `-`, `^` or `\`. */
function classChar(codePoint: number): string {
    if ((codePoint >= 0x30 && codePoint <= 0x39) || (codePoint >= 0x41 && codePoint <= 0x5a) || (codePoint >= 0x61 && codePoint <= 0x7a))
        return String.fromCodePoint(codePoint);
    if (codePoint <= 0xff) return "\\x" + codePoint.toString(16).toUpperCase().padStart(2, "0");
    if (codePoint <= 0xffff) return "\\u" + codePoint.toString(16).toUpperCase().padStart(4, "0");
    return "\\U" + codePoint.toString(16).toUpperCase().padStart(8, "0");
}
