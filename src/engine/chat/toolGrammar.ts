import type {ChatModelFunctions, GbnfJsonSchema} from "node-llama-cpp";
import {EngineError} from "../EngineError.js";
import type {ToolChoice, ToolDefinition} from "../generation/GenerationRequest.js";

/** Tools as node-llama-cpp functions, for `auto`: the model's chat wrapper decides how calls look. */
export function toChatModelFunctions(tools: readonly ToolDefinition[]): ChatModelFunctions {
    return Object.fromEntries(tools.map((tool) => [tool.name, {
        description: tool.description,
        params: tool.parameters as GbnfJsonSchema | undefined
    }]));
}

/** The tools a forced choice (`required` or a named function) may call; `null` when the choice forces nothing. */
export function forcedTools(tools: readonly ToolDefinition[] | undefined, choice: ToolChoice | undefined) {
    if (tools == null || tools.length === 0 || choice == null || choice === "auto" || choice === "none") {
        if (choice === "required" || typeof choice === "object")
            throw new EngineError("invalid_parameter", "{param} forces a call, but no tools were given.", {param: "toolChoice"});
        return null;
    }
    if (choice === "required") return tools;

    const named = tools.filter((tool) => tool.name === choice.name);
    if (named.length === 0)
        throw new EngineError("invalid_parameter", `{param} names "${choice.name}", which is not in tools.`, {param: "toolChoice"});
    return named;
}

/** The instruction that tells the model what the forced JSON means. */
export function forcedCallInstruction(tools: readonly ToolDefinition[]) {
    return [
        "Call one of these functions. Answer with one JSON object {\"name\": <function name>, \"arguments\": <arguments object>}.",
        ...tools.map((tool) => `- ${tool.name}: ${tool.description ?? ""} Parameters: ${JSON.stringify(tool.parameters ?? {})}`)
    ].join("\n");
}
