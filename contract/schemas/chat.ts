import {z} from "zod";
import {samplingFields} from "./common.js";
import {CompletionUsage} from "./usage.js";

const ChatTextPart = z.object({
    type: z.literal("text"),
    text: z.string()
});

/** Parts OpenAI defines that a text-only local model cannot take; declared so the 400 can name them. */
const ChatNonTextPart = z.object({
    type: z.enum(["image_url", "input_audio", "file", "refusal"])
}).passthrough();

export const ChatMessageContent = z.union([z.string(), z.array(z.union([ChatTextPart, ChatNonTextPart]))])
    .describe("Text, or a list of parts of which only `text` parts are supported.");
const content = ChatMessageContent;

export const ChatMessageToolCall = z.object({
    id: z.string(),
    type: z.literal("function"),
    function: z.object({
        name: z.string(),
        arguments: z.string().describe("The arguments as a JSON text.")
    })
});
export type ChatMessageToolCall = z.infer<typeof ChatMessageToolCall>;

export const ChatRequestMessage = z.discriminatedUnion("role", [
    z.object({role: z.literal("system"), content, name: z.string().optional()}),
    z.object({role: z.literal("developer"), content, name: z.string().optional()}),
    z.object({role: z.literal("user"), content, name: z.string().optional()}),
    z.object({
        role: z.literal("assistant"),
        content: content.nullish(),
        name: z.string().optional(),
        reasoning_content: z.string().nullish().describe("Reasoning of an earlier answer, sent back: accepted; not rendered into the prompt (templates drop earlier turns' reasoning)."),
        refusal: z.string().nullish(),
        tool_calls: z.array(ChatMessageToolCall).optional()
    }),
    z.object({role: z.literal("tool"), content, tool_call_id: z.string()})
]);
export type ChatRequestMessage = z.infer<typeof ChatRequestMessage>;

export const ChatTool = z.object({
    type: z.literal("function"),
    function: z.object({
        name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "a function name is 1–64 letters, digits, _ or -"),
        description: z.string().optional(),
        parameters: z.record(z.string(), z.unknown()).optional().describe("A JSON Schema for the arguments."),
        strict: z.boolean().nullish()
    })
});
export type ChatTool = z.infer<typeof ChatTool>;

export const ChatToolChoice = z.union([
    z.enum(["none", "auto", "required"]),
    z.object({type: z.literal("function"), function: z.object({name: z.string()})})
]);
export type ChatToolChoice = z.infer<typeof ChatToolChoice>;

export const ResponseFormat = z.discriminatedUnion("type", [
    z.object({type: z.literal("text")}),
    z.object({type: z.literal("json_object")}),
    z.object({
        type: z.literal("json_schema"),
        json_schema: z.object({
            name: z.string(),
            description: z.string().optional(),
            schema: z.record(z.string(), z.unknown()).optional(),
            strict: z.boolean().nullish()
        })
    })
]).describe("`json_object` and `json_schema` are enforced by a grammar: the output always parses. Default `text`.");
export type ResponseFormat = z.infer<typeof ResponseFormat>;

export const CreateChatCompletionRequest = z.object({
    messages: z.array(ChatRequestMessage).min(1).describe("The conversation so far."),
    ...samplingFields,
    max_completion_tokens: z.number().int().min(1).nullish().describe("Most tokens to generate: the newer name of `max_tokens`, which it overrides. Default: as `max_tokens`."),
    response_format: ResponseFormat.optional(),
    tools: z.array(ChatTool).max(128).optional().describe("Functions the model may call."),
    tool_choice: ChatToolChoice.optional().describe("`required` or a named function forces a call; `none` forbids one. Default `auto` when `tools` are given."),
    parallel_tool_calls: z.boolean().optional().describe("Default `true`: the model may make several calls in one turn, where its chat template has a syntax for that (Qwen, Mistral); `false`: at most one."),
    logprobs: z.boolean().nullish().describe("Return each content token's log-probability in `choices[].logprobs`. It is of the distribution the token was sampled from: the model's own at `temperature` 0, else after temperature, top-k/top-p, penalties and grammar. Default `false`."),
    top_logprobs: z.number().int().min(0).max(20).nullish().describe("With `logprobs`, also the 0–20 most likely tokens at each position (fewer where top-k/top-p left fewer candidates). Default 0."),
    reasoning_effort: z.enum(["none", "minimal", "low", "medium", "high"]).nullish().describe("Where the template has a switch for it: `none` or `minimal` switch Qwen 3's thinking off; gpt-oss reasons `low`, `medium` or `high` (`none`/`minimal` = `low`). Other values and templates without a switch think as the template does. Default: as the template does."),
    chat_template_kwargs: z.record(z.string(), z.unknown()).nullish().describe("Template switches, as llama-server takes them: only `enable_thinking` (false = `reasoning_effort: \"none\"`) is read."),
    metadata: z.record(z.string(), z.string()).nullish().describe("Accepted and ignored."),
    store: z.boolean().nullish().describe("Accepted and ignored: nothing is stored."),
    modalities: z.array(z.enum(["text", "audio"])).nullish().describe("Only `text` is supported."),
    audio: z.unknown().optional().describe("Not supported: a 400."),
    functions: z.unknown().optional().describe("Deprecated by OpenAI; use `tools`. A 400."),
    function_call: z.unknown().optional().describe("Deprecated by OpenAI; use `tool_choice`. A 400.")
}).describe("Fields OpenAI defines that are not listed here are accepted and ignored.");
export type CreateChatCompletionRequest = z.infer<typeof CreateChatCompletionRequest>;

export const FinishReason = z.enum(["stop", "length", "tool_calls", "content_filter", "function_call"])
    .describe("`stop`: the model finished or met a stop sequence; `length`: `max_tokens` or the context ran out; `tool_calls`: the model called a tool.");
export type FinishReason = z.infer<typeof FinishReason>;

export const ChatCompletionMessage = z.object({
    role: z.literal("assistant"),
    content: z.string().nullable(),
    reasoning_content: z.string().optional().describe("What a thinking model reasoned before answering (its template's thought, e.g. Qwen 3's `<think>`), never mixed into `content`. Absent when it didn't reason."),
    refusal: z.null(),
    tool_calls: z.array(ChatMessageToolCall).optional()
});

export const ChatCompletionTokenLogprob = z.object({
    token: z.string(),
    logprob: z.number().describe("Natural log of the probability; -9999 for a probability of 0."),
    bytes: z.array(z.number().int()).nullable().describe("The token's UTF-8 bytes."),
    top_logprobs: z.array(z.object({
        token: z.string(),
        logprob: z.number(),
        bytes: z.array(z.number().int()).nullable()
    })).describe("The most likely tokens at this position, most likely first (`top_logprobs` of them).")
}).describe("One content token with its log-probability.");

export const ChatChoiceLogprobs = z.object({
    content: z.array(ChatCompletionTokenLogprob).nullable(),
    refusal: z.null()
}).nullable().describe("With `logprobs: true`, the content tokens' log-probabilities (stop text's tokens have none); else `null`.");

export const CreateChatCompletionResponse = z.object({
    id: z.string(),
    object: z.literal("chat.completion"),
    created: z.number().int(),
    model: z.string(),
    system_fingerprint: z.string().describe("`fp_tholos_<backend>`: answers with the same fingerprint, seed and parameters have the same text."),
    choices: z.array(z.object({
        index: z.number().int(),
        message: ChatCompletionMessage,
        logprobs: ChatChoiceLogprobs,
        finish_reason: FinishReason
    })),
    usage: CompletionUsage
});
export type CreateChatCompletionResponse = z.infer<typeof CreateChatCompletionResponse>;

export const ChatCompletionChunkToolCall = z.object({
    index: z.number().int(),
    id: z.string().optional(),
    type: z.literal("function").optional(),
    function: z.object({
        name: z.string().optional(),
        arguments: z.string().optional()
    })
});

export const CreateChatCompletionStreamResponse = z.object({
    id: z.string(),
    object: z.literal("chat.completion.chunk"),
    created: z.number().int(),
    model: z.string(),
    system_fingerprint: z.string().describe("`fp_tholos_<backend>`: answers with the same fingerprint, seed and parameters have the same text."),
    choices: z.array(z.object({
        index: z.number().int(),
        delta: z.object({
            role: z.literal("assistant").optional(),
            content: z.string().nullish(),
            reasoning_content: z.string().optional().describe("A piece of the reasoning, streamed before the answer's content."),
            refusal: z.null().optional(),
            tool_calls: z.array(ChatCompletionChunkToolCall).optional()
        }),
        logprobs: ChatChoiceLogprobs.describe("With `logprobs: true`, the log-probabilities of this chunk's content tokens; else `null`."),
        finish_reason: FinishReason.nullable().describe("`null` until the last chunk of the choice.")
    })).describe("Empty in the last chunk when `stream_options.include_usage` is set."),
    usage: CompletionUsage.nullish().describe("Only in the last chunk, when `stream_options.include_usage` is set.")
}).describe("One server-sent event of a streamed chat completion.");
export type CreateChatCompletionStreamResponse = z.infer<typeof CreateChatCompletionStreamResponse>;
