import {z} from "zod";

/*
 * Anthropic's Messages API (`POST /v1/messages`, `/v1/messages/count_tokens`), its models list and its error object,
 * as far as a local text model answers them. Shapes follow the official `@anthropic-ai/sdk` types (generated from
 * Anthropic's API description; test/clients/anthropicConformance.ts checks these schemas' types against them). Fields
 * a local server can't honour are declared where they change the answer, so their 400 can name them.
 */

const CacheControl = z.object({type: z.literal("ephemeral"), ttl: z.string().optional()}).passthrough().nullish()
    .describe("Accepted and ignored: the server keeps each conversation's evaluated prefix on its sequences anyway.");

const AnthropicTextBlockParam = z.object({
    type: z.literal("text"),
    text: z.string(),
    cache_control: CacheControl,
    citations: z.array(z.unknown()).nullish().describe("Accepted and ignored.")
}).passthrough();

/** Blocks Anthropic defines that a local text model can't read or that name Anthropic's servers; declared so the 400 can name them. */
const AnthropicUnreadableBlockParam = z.object({
    type: z.enum([
        "image", "document", "search_result", "container_upload", "server_tool_use", "web_search_tool_result",
        "web_fetch_tool_result", "code_execution_tool_result", "bash_code_execution_tool_result",
        "text_editor_code_execution_tool_result", "tool_search_tool_result", "mcp_tool_use", "mcp_tool_result"
    ])
}).passthrough();

const AnthropicToolResultBlockParam = z.object({
    type: z.literal("tool_result"),
    tool_use_id: z.string(),
    content: z.union([z.string(), z.array(z.discriminatedUnion("type", [AnthropicTextBlockParam, AnthropicUnreadableBlockParam]))]).optional()
        .describe("The tool's output: text, or text blocks. Default: empty."),
    is_error: z.boolean().optional().describe("The output is an error message (given to the model prefixed `Error: `)."),
    cache_control: CacheControl
}).passthrough();

export const AnthropicContentBlockParam = z.discriminatedUnion("type", [
    AnthropicTextBlockParam,
    z.object({
        type: z.literal("tool_use"),
        id: z.string(),
        name: z.string(),
        input: z.record(z.string(), z.unknown()).describe("The call's arguments."),
        cache_control: CacheControl
    }).passthrough(),
    AnthropicToolResultBlockParam,
    z.object({type: z.literal("thinking"), thinking: z.string(), signature: z.string().optional()}).passthrough()
        .describe("An earlier answer's thinking, sent back: accepted; not rendered (templates drop earlier turns' reasoning)."),
    z.object({type: z.literal("redacted_thinking"), data: z.string()}).passthrough().describe("Accepted and dropped."),
    AnthropicUnreadableBlockParam
]);
export type AnthropicContentBlockParam = z.infer<typeof AnthropicContentBlockParam>;

export const AnthropicMessageParam = z.object({
    role: z.enum(["user", "assistant", "system"]),
    content: z.union([z.string(), z.array(AnthropicContentBlockParam)])
        .describe("Text, or blocks: `text`, `tool_use` (assistant), `tool_result` (user), `thinking`.")
});

export const AnthropicTool = z.object({
    type: z.string().optional().describe(
        "`custom` or omitted. Anthropic's own tool types (`web_search_…`, `web_fetch_…`, `code_execution_…`, `bash_…`, " +
        "`text_editor_…`, `computer_…`, `memory_…`) are refused: they run on Anthropic's servers or take schemas only " +
        "Anthropic's models know, and nothing leaves this machine. Describe such a tool as a custom one."),
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/, "a tool name is 1–128 letters, digits, _ or -"),
    description: z.string().optional(),
    input_schema: z.object({type: z.literal("object")}).passthrough().optional()
        .describe("A JSON Schema for the input (an object); required for custom tools. Calls always follow it (a grammar and a check enforce it)."),
    cache_control: CacheControl,
    strict: z.boolean().optional().describe("Accepted: input always follows the schema.")
}).passthrough();

export const AnthropicToolChoice = z.discriminatedUnion("type", [
    z.object({type: z.literal("auto"), disable_parallel_tool_use: z.boolean().optional()}),
    z.object({type: z.literal("any"), disable_parallel_tool_use: z.boolean().optional()}),
    z.object({type: z.literal("tool"), name: z.string(), disable_parallel_tool_use: z.boolean().optional()}),
    z.object({type: z.literal("none")})
]).describe("`auto` (default with tools): the model decides; `any`: it must call a tool; `tool`: it must call the named one; " +
    "`none`: no calls. `disable_parallel_tool_use`: at most one call.");

export const AnthropicThinkingConfig = z.discriminatedUnion("type", [
    z.object({
        type: z.literal("enabled"),
        budget_tokens: z.number().int().min(1).describe("Most tokens the thinking may take; then the model answers."),
        display: z.string().nullish().describe("Accepted and ignored: thinking is returned as written.")
    }),
    z.object({type: z.literal("disabled")}),
    z.object({type: z.literal("adaptive"), display: z.string().nullish()}),
    z.object({type: z.literal("between_tools")})
]).describe("How a thinking model thinks: `enabled` with a budget, `disabled` (where the template has a switch, as Qwen 3's), " +
    "or `adaptive` (the model's default). Ignored by models that don't reason. Default: the model's default.");

const messageFields = {
    model: z.string().optional().describe("The model id; any id but the loaded model's is a 404 `not_found_error`. Default: the model loaded in the app."),
    messages: z.array(AnthropicMessageParam).min(1),
    system: z.union([z.string(), z.array(AnthropicTextBlockParam)]).optional().describe("The system prompt: text, or text blocks."),
    tools: z.array(AnthropicTool).max(128).optional(),
    tool_choice: AnthropicToolChoice.optional(),
    thinking: AnthropicThinkingConfig.optional(),
    output_config: z.object({
        effort: z.enum(["low", "medium", "high", "xhigh", "max"]).nullish()
            .describe("How much a thinking model thinks (gpt-oss's reasoning effort; `xhigh` and `max` are `high`)."),
        format: z.object({type: z.literal("json_schema"), schema: z.record(z.string(), z.unknown())}).nullish()
            .describe("The text answer is JSON matching the schema (a grammar and a check enforce it).")
    }).optional(),
    mcp_servers: z.array(z.unknown()).optional().describe("Refused: MCP servers would be reached outside this machine."),
    container: z.unknown().optional().describe("Refused: containers are Anthropic's code-execution sandboxes.")
};

export const CreateMessageRequest = z.object({
    ...messageFields,
    max_tokens: z.number().int().min(1).describe("Most tokens to generate (thinking included)."),
    stop_sequences: z.array(z.string()).max(16).optional().describe("Up to 16 texts that end the answer; `stop_reason` is then `stop_sequence`."),
    temperature: z.number().min(0).max(1).optional().describe("0–1. 0 is greedy. Default 1."),
    top_p: z.number().min(0).max(1).optional().describe("Nucleus sampling mass, 0–1. Default 1."),
    top_k: z.number().int().min(0).optional().describe("Sample from the k most likely tokens only. Default 40 (llama.cpp's)."),
    metadata: z.object({user_id: z.string().nullish()}).passthrough().optional().describe("Accepted and ignored."),
    stream: z.boolean().optional().describe("Send the answer as server-sent events (`event:` + `data:` lines). Default `false`.")
});
export type CreateMessageRequest = z.infer<typeof CreateMessageRequest>;

export const CountMessageTokensRequest = z.object(messageFields);
export type CountMessageTokensRequest = z.infer<typeof CountMessageTokensRequest>;

export const MessageTokensCount = z.object({
    input_tokens: z.number().int().describe("The prompt's tokens as the model reads it: template, system prompt, tools and messages.")
});
export type MessageTokensCount = z.infer<typeof MessageTokensCount>;

const DirectCaller = z.object({type: z.literal("direct")});

export const AnthropicTextBlock = z.object({type: z.literal("text"), text: z.string(), citations: z.null()});
export const AnthropicThinkingBlock = z.object({
    type: z.literal("thinking"),
    thinking: z.string(),
    signature: z.string().describe("An opaque marker of this server's thinking; ignored when sent back.")
});
export const AnthropicToolUseBlock = z.object({
    type: z.literal("tool_use"),
    id: z.string().describe("`toolu_…`; the `tool_result` answering it names it as `tool_use_id`."),
    name: z.string(),
    input: z.record(z.string(), z.unknown()),
    caller: DirectCaller
});
export const AnthropicContentBlock = z.discriminatedUnion("type", [AnthropicTextBlock, AnthropicThinkingBlock, AnthropicToolUseBlock]);
export type AnthropicContentBlock = z.infer<typeof AnthropicContentBlock>;

export const AnthropicStopReason = z.enum(["end_turn", "max_tokens", "stop_sequence", "tool_use"]);

export const AnthropicUsage = z.object({
    input_tokens: z.number().int().describe("The prompt's tokens (template included)."),
    output_tokens: z.number().int().describe("Tokens generated, thinking and tool calls included."),
    output_tokens_details: z.object({thinking_tokens: z.number().int()}).nullable(),
    cache_creation_input_tokens: z.number().int().nullable().describe("Always 0: nothing is billed or written to a cache."),
    cache_read_input_tokens: z.number().int().nullable().describe("Always 0."),
    cache_creation: z.null(),
    server_tool_use: z.null(),
    service_tier: z.literal("standard"),
    inference_geo: z.null(),
    speed: z.null()
});

export const AnthropicMessage = z.object({
    id: z.string().describe("`msg_…`."),
    type: z.literal("message"),
    role: z.literal("assistant"),
    content: z.array(AnthropicContentBlock).describe("`thinking` (a thinking model's reasoning), then `text`, then `tool_use` blocks."),
    model: z.string(),
    stop_reason: AnthropicStopReason.nullable().describe("`null` only in `message_start`."),
    stop_sequence: z.string().nullable().describe("The stop sequence met, with `stop_reason` `stop_sequence`."),
    stop_details: z.null(),
    container: z.null(),
    diagnostics: z.null(),
    usage: AnthropicUsage
}).describe("The model's answer, as Anthropic's API returns it.");
export type AnthropicMessage = z.infer<typeof AnthropicMessage>;

const AnthropicErrorObject = z.object({
    type: z.enum([
        "invalid_request_error", "authentication_error", "permission_error", "not_found_error", "rate_limit_error",
        "api_error", "overloaded_error"
    ]).describe("The error class; the HTTP status says the same."),
    message: z.string().describe("What went wrong and, where it helps, what to do about it.")
});

export const AnthropicErrorResponse = z.object({
    type: z.literal("error"),
    error: AnthropicErrorObject,
    request_id: z.null()
}).describe("An error on the Anthropic routes (and `/v1/models` asked with `anthropic-version`).");
export type AnthropicErrorResponse = z.infer<typeof AnthropicErrorResponse>;

const index = z.number().int().describe("The content block's position in `content`.");

/** One server-sent event of a streamed message (`event: <type>` then `data: <this>`). */
export const AnthropicMessageStreamEvent = z.discriminatedUnion("type", [
    z.object({type: z.literal("message_start"), message: AnthropicMessage}),
    z.object({type: z.literal("content_block_start"), index, content_block: AnthropicContentBlock}),
    z.object({
        type: z.literal("content_block_delta"),
        index,
        delta: z.discriminatedUnion("type", [
            z.object({type: z.literal("text_delta"), text: z.string()}),
            z.object({type: z.literal("thinking_delta"), thinking: z.string()}),
            z.object({type: z.literal("signature_delta"), signature: z.string()}),
            z.object({type: z.literal("input_json_delta"), partial_json: z.string()})
        ])
    }),
    z.object({type: z.literal("content_block_stop"), index}),
    z.object({
        type: z.literal("message_delta"),
        delta: z.object({
            stop_reason: AnthropicStopReason.nullable(),
            stop_sequence: z.string().nullable(),
            stop_details: z.null(),
            container: z.null()
        }),
        usage: z.object({
            input_tokens: z.number().int().nullable(),
            output_tokens: z.number().int(),
            output_tokens_details: z.object({thinking_tokens: z.number().int()}).nullable(),
            cache_creation_input_tokens: z.number().int().nullable(),
            cache_read_input_tokens: z.number().int().nullable(),
            server_tool_use: z.null()
        })
    }),
    z.object({type: z.literal("message_stop")}),
    z.object({type: z.literal("ping")}).describe("Sent after `message_start` and whenever the stream has been quiet for a while (a long prompt or thought)."),
    z.object({type: z.literal("error"), error: AnthropicErrorObject})
]);
export type AnthropicMessageStreamEvent = z.infer<typeof AnthropicMessageStreamEvent>;

export const AnthropicModelInfo = z.object({
    type: z.literal("model"),
    id: z.string().describe("The loaded GGUF's file name without its extension."),
    display_name: z.string(),
    created_at: z.string().describe("When the model file was last modified (RFC 3339)."),
    capabilities: z.null(),
    deprecated_at: z.null(),
    lifecycle: z.literal("active"),
    line: z.null(),
    max_input_tokens: z.number().int().describe("Tokens one request's prompt and answer may hold together."),
    max_tokens: z.number().int(),
    retires_at: z.null()
}).describe("The loaded model, in Anthropic's shape (asked with an `anthropic-version` header).");
export type AnthropicModelInfo = z.infer<typeof AnthropicModelInfo>;

export const AnthropicModelList = z.object({
    data: z.array(AnthropicModelInfo),
    has_more: z.boolean(),
    first_id: z.string().nullable(),
    last_id: z.string().nullable()
});
export type AnthropicModelList = z.infer<typeof AnthropicModelList>;
