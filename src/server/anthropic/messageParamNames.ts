import type {WireParamNames} from "../withWireParams.js";

/** Engine parameter names → Anthropic Messages fields. */
export const messageParamNames: WireParamNames = [
    // Messages don't map one to one onto the engine's (system, tool results split out of user messages)
    [/^prompt(\.messages.*)?$/, "messages"],
    [/^constraint\.schema/, "output_config.format.schema"],
    [/^constraint$/, "output_config.format"],
    [/^tools\[(\d+)\]\.parameters/, "tools[$1].input_schema"],
    [/^toolChoice$/, "tool_choice"],
    [/^maxTokens$/, "max_tokens"],
    [/^stop$/, "stop_sequences"],
    [/^thinkingBudget$/, "thinking.budget_tokens"]
];
