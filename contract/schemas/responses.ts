import {z} from "zod";

/*
 * OpenAI's Responses API (`POST /v1/responses`), as far as a local text model answers it: messages, function tools,
 * reasoning and structured output. Shapes follow OpenAI's published schema (`CreateResponse`, `Response`,
 * `ResponseStreamEvent`); fields a local server can't honour are declared where they change the answer, so their 400
 * can name them.
 */

const InputTextPart = z.object({type: z.enum(["input_text", "output_text"]), text: z.string()}).passthrough();

/** Parts OpenAI defines that a text-only local model cannot take; declared so the 400 can name them. */
const InputNonTextPart = z.object({type: z.enum(["input_image", "input_file", "input_audio", "refusal"])}).passthrough();

export const ResponseInputContent = z.union([z.string(), z.array(z.union([InputTextPart, InputNonTextPart]))])
    .describe("Text, or a list of parts of which `input_text` and `output_text` are supported.");

const ReasoningText = z.object({type: z.literal("reasoning_text"), text: z.string()});

export const ResponseInputItem = z.union([
    z.object({
        type: z.literal("message").optional(),
        role: z.enum(["user", "assistant", "system", "developer"]),
        content: ResponseInputContent,
        id: z.string().optional(),
        status: z.string().optional()
    }).passthrough(),
    z.object({
        type: z.literal("function_call"),
        call_id: z.string(),
        name: z.string(),
        arguments: z.string().describe("The arguments as a JSON text."),
        id: z.string().optional(),
        status: z.string().optional()
    }).passthrough(),
    z.object({
        type: z.literal("function_call_output"),
        call_id: z.string(),
        output: z.union([z.string(), z.array(InputTextPart)]),
        id: z.string().optional(),
        status: z.string().optional()
    }).passthrough(),
    z.object({
        type: z.literal("reasoning"),
        id: z.string().optional(),
        summary: z.array(z.object({type: z.literal("summary_text"), text: z.string()})).optional(),
        content: z.array(ReasoningText).nullish(),
        encrypted_content: z.string().nullish()
    }).passthrough().describe("Reasoning of an earlier answer, sent back: accepted; not rendered into the prompt (templates drop earlier turns' reasoning).")
]);
export type ResponseInputItem = z.infer<typeof ResponseInputItem>;

export const ResponseFunctionTool = z.object({
    type: z.literal("function"),
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "a function name is 1–64 letters, digits, _ or -"),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish().describe("A JSON Schema for the arguments."),
    strict: z.boolean().nullish().describe("Accepted: arguments always follow the schema (a grammar and a check enforce it).")
});

export type ResponseFunctionTool = z.infer<typeof ResponseFunctionTool>;

/** OpenAI's hosted tools: each reaches outside the machine or needs a service a local model hasn't got. */
const HostedTool = z.object({type: z.string().refine((type) => type !== "function", "a function tool needs a valid name")}).passthrough();

export const ResponseTextFormat = z.discriminatedUnion("type", [
    z.object({type: z.literal("text")}),
    z.object({type: z.literal("json_object")}),
    z.object({
        type: z.literal("json_schema"),
        name: z.string(),
        description: z.string().optional(),
        schema: z.record(z.string(), z.unknown()),
        strict: z.boolean().nullish()
    })
]);

export const ResponseToolChoice = z.union([
    z.enum(["none", "auto", "required"]),
    z.object({type: z.literal("function"), name: z.string()})
]);

export const ResponseReasoningOptions = z.object({
    effort: z.enum(["none", "minimal", "low", "medium", "high"]).nullish().describe("As chat's `reasoning_effort`: through the template's own switch, where it has one."),
    summary: z.string().nullish().describe("Accepted; reasoning comes as its text (`reasoning_text`), never summarised."),
    generate_summary: z.string().nullish()
});

/** OpenAI's `include` values (`IncludeEnum`). */
const includeValues = [
    "file_search_call.results", "web_search_call.results", "web_search_call.action.sources", "message.input_image.image_url",
    "computer_call_output.output.image_url", "code_interpreter_call.outputs", "reasoning.encrypted_content", "message.output_text.logprobs"
] as const;

export const CreateResponseRequest = z.object({
    model: z.string().optional().describe("The model id; any id but the loaded model's is a 404 `model_not_found`. Default: the model loaded in the app."),
    input: z.union([z.string(), z.array(ResponseInputItem)]).describe("A user message, or the conversation as input items."),
    instructions: z.string().nullish().describe("A system message put before the input."),
    max_output_tokens: z.number().int().min(1).nullish().describe("Most tokens to generate, reasoning included. Default: until the model stops or the context is full."),
    temperature: z.number().min(0).max(2).nullish().describe("Sampling temperature, 0–2. 0 is greedy. Default 1."),
    top_p: z.number().min(0).max(1).nullish().describe("Nucleus sampling mass, 0–1. Default 1."),
    seed: z.number().int().nullish().describe("Not an OpenAI field, taken as chat takes it: same seed and parameters ⇒ the same text. Default: a fresh random seed."),
    tools: z.array(z.union([ResponseFunctionTool, HostedTool])).optional().describe("Functions the model may call; OpenAI's hosted tools are a 400."),
    tool_choice: ResponseToolChoice.optional(),
    parallel_tool_calls: z.boolean().nullish().describe("Default `true`: several calls in one answer, where the chat template has a syntax for that; `false`: at most one."),
    text: z.object({
        format: ResponseTextFormat.optional().describe("`json_object` and `json_schema` are enforced as chat's `response_format` is (grammar and a full check)."),
        verbosity: z.string().nullish().describe("Accepted and ignored.")
    }).nullish(),
    reasoning: ResponseReasoningOptions.nullish(),
    include: z.array(z.enum(includeValues)).nullish().describe("Accepted; `reasoning.encrypted_content` gives each reasoning item an `encrypted_content` that is its text, unencrypted (nothing leaves the machine, and clients only send it back); `message.output_text.logprobs` is a 400 (chat completions have logprobs); the others name hosted tools' results, which never occur here."),
    stream: z.boolean().nullish().describe("Send the answer as server-sent events (`event:` and `data:` lines). Default `false`."),
    store: z.boolean().nullish().describe("Keep the response and its input in the app's data dir (SQLite), for `previous_response_id`, `GET` and `DELETE`; kept across restarts, for 30 days or the newest 10 000. Default `true`, as OpenAI."),
    previous_response_id: z.string().nullish().describe("Continue a stored response: its conversation (each earlier input and output) comes before this input; its `instructions` don't carry over. An id that isn't stored is a 404 `response_not_found`."),
    background: z.boolean().nullish().describe("Not supported: `true` is a 400 (the answer comes in the request, or its stream)."),
    conversation: z.unknown().optional().describe("Not supported: conversations aren't stored; send the conversation as input items. A 400."),
    prompt: z.unknown().optional().describe("Not supported: prompt templates are kept at OpenAI. A 400."),
    metadata: z.record(z.string(), z.string()).nullish().describe("Up to 16 key–value pairs, returned as given."),
    user: z.string().optional().describe("Accepted and ignored."),
    safety_identifier: z.string().optional().describe("Accepted and ignored."),
    prompt_cache_key: z.string().optional().describe("Accepted: the engine reuses any prompt prefix it still holds."),
    service_tier: z.string().nullish().describe("Accepted and ignored."),
    truncation: z.enum(["auto", "disabled"]).nullish().describe("Accepted; `auto` drops nothing: a conversation that doesn't fit the context is a 400 `context_length_exceeded` either way."),
    top_logprobs: z.number().int().min(0).max(20).nullish().describe("Not supported yet: above 0 is a 400; chat completions have `logprobs`."),
    max_tool_calls: z.number().int().nullish().describe("Accepted and ignored: it limits hosted tools, which aren't here.")
});
export type CreateResponseRequest = z.infer<typeof CreateResponseRequest>;

export const ResponseOutputText = z.object({
    type: z.literal("output_text"),
    text: z.string(),
    annotations: z.array(z.never()),
    logprobs: z.array(z.never())
});

export const ResponseOutputMessage = z.object({
    type: z.literal("message"),
    id: z.string(),
    status: z.enum(["in_progress", "completed", "incomplete"]),
    role: z.literal("assistant"),
    content: z.array(ResponseOutputText)
});

export const ResponseReasoningItem = z.object({
    type: z.literal("reasoning"),
    id: z.string(),
    summary: z.array(z.never()).describe("Always empty: the reasoning itself is `content`."),
    content: z.array(ReasoningText),
    encrypted_content: z.string().optional().describe("With `include: [\"reasoning.encrypted_content\"]`: the reasoning text itself, not encrypted."),
    status: z.enum(["in_progress", "completed", "incomplete"])
});

export const ResponseFunctionCall = z.object({
    type: z.literal("function_call"),
    id: z.string(),
    call_id: z.string(),
    name: z.string(),
    arguments: z.string().describe("The text the model wrote: a JSON text following the function's parameters."),
    status: z.enum(["in_progress", "completed", "incomplete"])
});

export const ResponseOutputItem = z.discriminatedUnion("type", [ResponseOutputMessage, ResponseReasoningItem, ResponseFunctionCall]);
export type ResponseOutputItem = z.infer<typeof ResponseOutputItem>;

export const ResponseUsage = z.object({
    input_tokens: z.number().int(),
    input_tokens_details: z.object({
        cached_tokens: z.number().int().describe("Input tokens the engine didn't read again: still held from an earlier request (a continued conversation's earlier turns) or restored from its prompt cache in RAM."),
        cache_write_tokens: z.number().int()
    }),
    output_tokens: z.number().int(),
    output_tokens_details: z.object({reasoning_tokens: z.number().int()}),
    total_tokens: z.number().int()
});

export const ResponseObject = z.object({
    id: z.string(),
    object: z.literal("response"),
    created_at: z.number().int(),
    completed_at: z.number().int().nullable(),
    status: z.enum(["completed", "incomplete", "in_progress", "failed"]),
    error: z.object({code: z.string(), message: z.string()}).nullable(),
    incomplete_details: z.object({reason: z.literal("max_output_tokens")}).nullable(),
    instructions: z.string().nullable(),
    max_output_tokens: z.number().int().nullable(),
    model: z.string(),
    output: z.array(ResponseOutputItem),
    parallel_tool_calls: z.boolean(),
    previous_response_id: z.string().nullable(),
    reasoning: z.object({effort: z.string().nullable(), summary: z.null()}),
    store: z.boolean(),
    temperature: z.number().nullable(),
    text: z.object({format: ResponseTextFormat}),
    tool_choice: ResponseToolChoice,
    tools: z.array(ResponseFunctionTool),
    top_p: z.number().nullable(),
    truncation: z.literal("disabled"),
    usage: ResponseUsage.optional().describe("Absent until the answer is finished (`response.created`, `response.in_progress`)."),
    user: z.string().optional(),
    metadata: z.record(z.string(), z.string())
});
export type ResponseObject = z.infer<typeof ResponseObject>;

const sequenceNumber = z.number().int();
const itemEvent = {output_index: z.number().int(), item_id: z.string(), sequence_number: sequenceNumber};

/** One server-sent event of a streamed response; the `event:` line names its `type`. */
export const ResponseStreamEvent = z.discriminatedUnion("type", [
    z.object({type: z.literal("response.created"), response: ResponseObject, sequence_number: sequenceNumber}),
    z.object({type: z.literal("response.in_progress"), response: ResponseObject, sequence_number: sequenceNumber}),
    z.object({type: z.literal("response.output_item.added"), output_index: z.number().int(), item: ResponseOutputItem, sequence_number: sequenceNumber}),
    z.object({type: z.literal("response.output_item.done"), output_index: z.number().int(), item: ResponseOutputItem, sequence_number: sequenceNumber}),
    z.object({type: z.literal("response.content_part.added"), ...itemEvent, content_index: z.number().int(), part: z.union([ResponseOutputText, ReasoningText])}),
    z.object({type: z.literal("response.content_part.done"), ...itemEvent, content_index: z.number().int(), part: z.union([ResponseOutputText, ReasoningText])}),
    z.object({type: z.literal("response.output_text.delta"), ...itemEvent, content_index: z.number().int(), delta: z.string(), logprobs: z.array(z.never())}),
    z.object({type: z.literal("response.output_text.done"), ...itemEvent, content_index: z.number().int(), text: z.string(), logprobs: z.array(z.never())}),
    z.object({type: z.literal("response.reasoning_text.delta"), ...itemEvent, content_index: z.number().int(), delta: z.string()}),
    z.object({type: z.literal("response.reasoning_text.done"), ...itemEvent, content_index: z.number().int(), text: z.string()}),
    z.object({type: z.literal("response.function_call_arguments.delta"), ...itemEvent, delta: z.string()}),
    z.object({type: z.literal("response.function_call_arguments.done"), ...itemEvent, name: z.string(), arguments: z.string()}),
    z.object({type: z.literal("response.completed"), response: ResponseObject, sequence_number: sequenceNumber}),
    z.object({type: z.literal("response.incomplete"), response: ResponseObject, sequence_number: sequenceNumber}),
    z.object({type: z.literal("error"), code: z.string().nullable(), message: z.string(), param: z.string().nullable(), sequence_number: sequenceNumber})
]);
export type ResponseStreamEvent = z.infer<typeof ResponseStreamEvent>;

export const DeletedResponse = z.object({
    id: z.string(),
    object: z.literal("response"),
    deleted: z.literal(true)
});

/** An input item as `input_items` lists it: as it was sent, with the id the server gave it if it had none. */
export const ResponseInputItemResource = z.union([
    z.object({type: z.literal("message"), id: z.string(), role: z.enum(["user", "assistant", "system", "developer"]), content: z.array(InputTextPart), status: z.literal("completed")}),
    z.object({type: z.literal("function_call"), id: z.string(), call_id: z.string(), name: z.string(), arguments: z.string(), status: z.literal("completed")}),
    z.object({type: z.literal("function_call_output"), id: z.string(), call_id: z.string(), output: z.string(), status: z.literal("completed")}),
    z.object({type: z.literal("reasoning"), id: z.string(), summary: z.array(z.object({type: z.literal("summary_text"), text: z.string()})), content: z.array(ReasoningText).optional()})
]);
export type ResponseInputItemResource = z.infer<typeof ResponseInputItemResource>;

export const ResponseInputItemList = z.object({
    object: z.literal("list"),
    data: z.array(ResponseInputItemResource),
    first_id: z.string().nullable(),
    last_id: z.string().nullable(),
    has_more: z.boolean()
});

export const ListInputItemsQuery = z.object({
    limit: z.coerce.number().int().min(1).max(100).optional().describe("Items per page, 1–100. Default 20."),
    order: z.enum(["asc", "desc"]).optional().describe("`asc`: as sent; `desc`: newest first. Default `desc`, as OpenAI."),
    after: z.string().optional().describe("An item id: the page starts after it.")
});
