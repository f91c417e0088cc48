import {CodePointSet} from "./CodePointSet.js";
import {codePointSetToGbnf} from "./codePointSetToGbnf.js";
import type {GbnfRuleSet} from "./GbnfRuleSet.js";

/**
 * The characters of keys the grammar makes up for additional properties: letters, digits, `_` and `-`, so that no
 * escape can spell a declared name (`"\u0061"` is `"a"`) and a key can't repeat a declared property.
 */
const keyChars = CodePointSet.of([0x2d, 0x2d], [0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]);
const maxKeyLength = 32;

type TrieNode = {children: Map<string, TrieNode>, isName: boolean};

/**
 * The name of a rule for a JSON object key (quotes included) of 1 to 32 key characters that is none of `names`.
 * Like llama.cpp's `_not_strings`, it walks a trie of the names: at each node, a child's character continues towards
 * a name, any other character leaves them all behind, and stopping is allowed except where a name ends.
 */
export function keyOutsideToGbnf(names: readonly string[], rules: GbnfRuleSet, hint: string): string {
    const keyChar = rules.add("key-char", codePointSetToGbnf(keyChars)!);
    const anyKeyChars = (min: number) => `${keyChar}{${min},${maxKeyLength}}`;
    const root: TrieNode = {children: new Map(), isName: false};
    for (const name of names) {
        if (name === "" || !Array.from(name).every((char) => keyChars.has(char.codePointAt(0)!)) || name.length > maxKeyLength) continue;
        let node = root;
        for (const char of name) {
            if (!node.children.has(char)) node.children.set(char, {children: new Map(), isName: false});
            node = node.children.get(char)!;
        }
        node.isName = true;
    }

    /** The rest of a key after `depth` characters that led to `node`; `null` when no key can go on from there. */
    const body = (node: TrieNode, depth: number): string | null => {
        const alternatives = [...node.children].flatMap(([char, child]) => {
            const rest = body(child, depth + 1);
            return rest == null ? [] : [`"${char}" ${rest}`];
        });
        const others = keyChars.minus(CodePointSet.ofChars([...node.children.keys()].join("")));
        if (!others.isEmpty && depth < maxKeyLength) {
            const more = maxKeyLength - depth - 1;
            alternatives.push(more === 0 ? codePointSetToGbnf(others)! : `${codePointSetToGbnf(others)} ${keyChar}{0,${more}}`);
        }
        if (!node.isName && depth > 0) alternatives.push(`""`);
        return alternatives.length === 0 ? null : `(${alternatives.join(" | ")})`;
    };
    const inside = root.children.size === 0 ? anyKeyChars(1) : body(root, 0)!;
    return rules.add(`${hint}-key`, `"\\"" ${inside} "\\""`);
}
