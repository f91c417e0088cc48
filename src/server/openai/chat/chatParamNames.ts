import type {WireParamNames} from "../../withWireParams.js";

/** Engine parameter names → OpenAI Chat Completions fields. */
export const chatParamNames: WireParamNames = [
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
