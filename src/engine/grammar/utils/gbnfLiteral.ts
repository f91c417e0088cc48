/** `text` as a GBNF string literal: quotes, backslashes and control characters escaped, the rest as is (UTF-8). */
export function gbnfLiteral(text: string): string {
    let literal = "\"";
    for (const char of text) {
        const code = char.codePointAt(0)!;
        if (char === "\"" || char === "\\") literal += "\\" + char;
        else if (char === "\n") literal += "\\n";
        else if (char === "\r") literal += "\\r";
        else if (char === "\t") literal += "\\t";
        else if (code < 0x20 || code === 0x7f) literal += "\\x" + code.toString(16).padStart(2, "0");
        else literal += char;
    }
    return literal + "\"";
}
