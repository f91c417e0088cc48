/** Engine parameter names → OpenAI Responses fields, most specific first. */
const renames: [RegExp, string][] = [
    [/^prompt(\.messages.*)?$/, "input"],
    [/^constraint\.schema/, "text.format.schema"],
    [/^constraint$/, "text.format"],
    [/^tools\[(\d+)\]\.parameters/, "tools[$1].parameters"],
    [/^toolChoice$/, "tool_choice"],
    [/^maxTokens$/, "max_output_tokens"]
];

export function renameResponseParam(param: string) {
    for (const [pattern, replacement] of renames)
        if (pattern.test(param)) return param.replace(pattern, replacement);
    return param;
}
