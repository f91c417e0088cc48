import type {ChatModelFunctions, GbnfJsonSchema} from "node-llama-cpp";
import type {ChatTool, ChatToolChoice} from "../../../contract/index.js";
import {EngineError} from "../EngineError.js";

/** Tools as node-llama-cpp functions, for `tool_choice: "auto"`: the model's chat wrapper decides how calls look. */
export function toChatModelFunctions(tools: readonly ChatTool[]): ChatModelFunctions {
    return Object.fromEntries(tools.map((tool) => [tool.function.name, {
        description: tool.function.description,
        params: (tool.function.parameters ?? undefined) as GbnfJsonSchema | undefined
    }]));
}

/** The tools a forced choice (`required` or a named function) may call; `null` when the choice forces nothing. */
export function forcedTools(tools: readonly ChatTool[] | undefined, choice: ChatToolChoice | undefined) {
    if (tools == null || tools.length === 0 || choice == null || choice === "auto" || choice === "none") {
        if (choice === "required" || typeof choice === "object")
            throw new EngineError("invalid_parameter", "tool_choice forces a call, but no tools were given.", {param: "tool_choice"});
        return null;
    }
    if (choice === "required") return tools;

    const named = tools.filter((tool) => tool.function.name === choice.function.name);
    if (named.length === 0)
        throw new EngineError("invalid_parameter", `tool_choice names "${choice.function.name}", which is not in tools.`, {param: "tool_choice"});
    return named;
}

/**
 * A forced call is generated as one JSON object `{"name": …, "arguments": {…}}` under a grammar that allows only
 * the given functions with arguments matching their schemas, so even a tiny model makes a well-formed call.
 */
export function forcedCallSchema(tools: readonly ChatTool[]): GbnfJsonSchema {
    const options = tools.map((tool) => ({
        type: "object",
        properties: {
            name: {const: tool.function.name},
            arguments: (tool.function.parameters ?? {type: "object", properties: {}}) as GbnfJsonSchema
        }
    }) as GbnfJsonSchema);
    return options.length === 1 ? options[0]! : {oneOf: options};
}

/** The instruction that tells the model what the forced JSON means. */
export function forcedCallInstruction(tools: readonly ChatTool[]) {
    return [
        "Call one of these functions. Answer with one JSON object {\"name\": <function name>, \"arguments\": <arguments object>}.",
        ...tools.map((tool) => `- ${tool.function.name}: ${tool.function.description ?? ""} Parameters: ${JSON.stringify(tool.function.parameters ?? {})}`)
    ].join("\n");
}
