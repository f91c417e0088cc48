/** Engine parameter names → OpenAI Chat Completions fields, most specific first. */
const renames: [RegExp, string][] = [
    [/^prompt\.messages\[(\d+)\]\.toolCallId$/, "messages[$1].tool_call_id"],
    [/^prompt\.messages\[(\d+)\]\.toolCalls$/, "messages[$1].tool_calls"],
    [/^prompt(\.messages)?/, "messages"],
    [/^constraint\.schema/, "response_format.json_schema.schema"],
    [/^constraint$/, "response_format"],
    [/^tools\[(\d+)\]\.parameters/, "tools[$1].function.parameters"],
    [/^toolChoice$/, "tool_choice"],
    [/^sampling\.tokenBias$/, "logit_bias"],
    [/^maxTokens$/, "max_completion_tokens"],
    [/^choices$/, "n"],
    [/^topLogprobs$/, "top_logprobs"]
];

export function renameChatParam(param: string) {
    for (const [pattern, replacement] of renames)
        if (pattern.test(param)) return param.replace(pattern, replacement);
    return param;
}
