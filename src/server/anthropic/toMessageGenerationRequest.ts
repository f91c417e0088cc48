import type {AnthropicContentBlockParam, CountMessageTokensRequest, CreateMessageRequest} from "../../../contract/index.js";
import type {ChatMessage, ChatPrompt, GenerationRequest, ToolCall, ToolChoice, ToolDefinition} from "../../engine/generation/GenerationRequest.js";
import {ApiError} from "../ApiError.js";
import {textContent} from "../textContent.js";

type Block = AnthropicContentBlockParam;

/** Anthropic's tool types that run on Anthropic's servers (the rest of its typed tools are client tools with schemas only its models know). */
const serverToolTypes = /^(web_search|web_fetch|code_execution|tool_search|mcp)/;

/**
 * A Messages body (or a `count_tokens` body, which has no sampling) → the engine's request. Every field the contract
 * accepts is mapped here or refused here with a 400 naming it: Anthropic's own tools and state (MCP servers,
 * containers), and blocks a text model can't read.
 */
export function toMessageGenerationRequest(
    body: CountMessageTokensRequest & Partial<CreateMessageRequest>
): GenerationRequest & {prompt: ChatPrompt} {
    if (body.mcp_servers != null)
        throw new ApiError("unsupported_parameter", "MCP servers aren't connected from this server: nothing leaves the machine. Run the tools in your client and describe them in tools.", "mcp_servers");
    if (body.container != null)
        throw new ApiError("unsupported_parameter", "Containers are Anthropic's code-execution sandboxes, which this server hasn't got.", "container");
    const toolChoice = body.tool_choice;
    return {
        prompt: {type: "chat", messages: toMessages(body)},
        sampling: {temperature: body.temperature, topP: body.top_p, topK: body.top_k},
        stop: body.stop_sequences,
        maxTokens: body.max_tokens,
        constraint: body.output_config?.format == null ? {type: "none"} : {type: "jsonSchema", schema: body.output_config.format.schema},
        tools: body.tools?.map(toToolDefinition),
        toolChoice: toToolChoice(toolChoice),
        parallelToolCalls: toolChoice != null && toolChoice.type !== "none" && toolChoice.disable_parallel_tool_use === true ? false : undefined,
        ...toThinking(body)
    };
}

function toToolDefinition(tool: NonNullable<CountMessageTokensRequest["tools"]>[number], index: number): ToolDefinition {
    if (tool.type != null && tool.type !== "custom")
        throw new ApiError("unsupported_parameter", serverToolTypes.test(tool.type)
            ? `tools[${index}] is Anthropic's server tool "${tool.type}", which runs on Anthropic's servers; nothing leaves this machine. Give custom tools (name, input_schema) only.`
            : `tools[${index}] is Anthropic's tool type "${tool.type}", whose schema only Anthropic's models know; describe it as a custom tool (name, description, input_schema).`,
        `tools[${index}].type`);
    if (tool.input_schema == null)
        throw new ApiError("missing_required_parameter", `Missing required parameter: 'tools[${index}].input_schema'.`, `tools[${index}].input_schema`);
    return {name: tool.name, description: tool.description, parameters: tool.input_schema};
}

function toToolChoice(choice: CountMessageTokensRequest["tool_choice"]): ToolChoice | undefined {
    if (choice == null) return undefined;
    if (choice.type === "any") return "required";
    if (choice.type === "tool") return {name: choice.name};
    return choice.type;
}

/**
 * `thinking` and `output_config.effort` → the engine's thinking: `disabled` switches it off where the template can,
 * an effort picks gpt-oss's level (`xhigh` and `max` are its `high`), and a budget bounds the thought.
 */
function toThinking(body: CountMessageTokensRequest): Pick<GenerationRequest, "thinking" | "thinkingBudget"> {
    if (body.thinking?.type === "disabled") return {thinking: "off"};
    const effort = body.output_config?.effort;
    const thinking = effort == null ? undefined : effort === "xhigh" || effort === "max" ? "high" : effort;
    return {thinking, thinkingBudget: body.thinking?.type === "enabled" ? body.thinking.budget_tokens : undefined};
}

/** `system`, then each message: a user message's tool results become tool messages, its text a user message. */
function toMessages(body: CountMessageTokensRequest): ChatMessage[] {
    const messages: ChatMessage[] = [];
    if (body.system != null) {
        const system = textContent(body.system, ["text"], "system");
        if (system !== "") messages.push({role: "system", text: system});
    }
    for (const [index, message] of body.messages.entries()) {
        const param = `messages[${index}].content`;
        const blocks: readonly Block[] = typeof message.content === "string" ? [{type: "text", text: message.content}] : message.content;
        if (message.role === "assistant") messages.push(toAssistantMessage(blocks, param));
        else if (message.role === "system") messages.push({role: "system", text: joinText(blocks, param)});
        else messages.push(...toUserMessages(blocks, param));
    }
    return messages;
}

function toAssistantMessage(blocks: readonly Block[], param: string): ChatMessage {
    const toolCalls: ToolCall[] = [];
    const texts: string[] = [];
    for (const [index, block] of blocks.entries()) {
        if (block.type === "text") texts.push(block.text);
        else if (block.type === "tool_use") toolCalls.push({id: block.id, name: block.name, arguments: JSON.stringify(block.input)});
        // An earlier answer's thinking: templates drop earlier turns' thoughts, so it isn't rendered
        else if (block.type !== "thinking" && block.type !== "redacted_thinking") unreadable(block, `${param}[${index}]`);
    }
    return toolCalls.length > 0 ? {role: "assistant", text: texts.join("\n"), toolCalls} : {role: "assistant", text: texts.join("\n")};
}

function toUserMessages(blocks: readonly Block[], param: string): ChatMessage[] {
    const messages: ChatMessage[] = [];
    let texts: string[] = [];
    const flushText = () => {
        if (texts.length > 0) messages.push({role: "user", text: texts.join("\n")});
        texts = [];
    };
    for (const [index, block] of blocks.entries()) {
        if (block.type === "text") texts.push(block.text);
        else if (block.type === "tool_result") {
            flushText();
            const content = block.content == null ? "" : textContent(block.content, ["text"], `${param}[${index}].content`);
            messages.push({role: "tool", toolCallId: block.tool_use_id, text: block.is_error === true ? `Error: ${content}` : content});
        } else unreadable(block, `${param}[${index}]`);
    }
    flushText();
    return messages.length > 0 ? messages : [{role: "user", text: ""}];
}

function joinText(blocks: readonly Block[], param: string) {
    return blocks.map((block, index) => block.type === "text" ? block.text : unreadable(block, `${param}[${index}]`)).join("\n");
}

function unreadable(block: Block, param: string): never {
    const why = block.type === "image" || block.type === "document" || block.type === "search_result" || block.type === "container_upload"
        ? "this model only reads text"
        : block.type === "tool_use" || block.type === "tool_result"
            ? `a ${block.type} block belongs in ${block.type === "tool_use" ? "an assistant" : "a user"} message`
            : "it is a block of Anthropic's server tools, which this server hasn't got";
    throw new ApiError("unsupported_parameter", `${param} is of type "${block.type}"; ${why}.`, `${param}.type`);
}
