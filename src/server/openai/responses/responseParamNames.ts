import type {WireParamNames} from "../../withWireParams.js";

/** Engine parameter names → OpenAI Responses fields. */
export const responseParamNames: WireParamNames = [
    // Input items don't map one to one onto the engine's messages (instructions, calls joined to their message)
    [/^prompt(\.messages.*)?$/, "input"],
    [/^constraint\.schema/, "text.format.schema"],
    [/^constraint$/, "text.format"],
    [/^toolChoice$/, "tool_choice"],
    [/^maxTokens$/, "max_output_tokens"]
];
