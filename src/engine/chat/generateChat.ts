import {LlamaChat, type ChatHistoryItem, type ChatModelFunctions, type LlamaGrammar, type Token} from "node-llama-cpp";
import type {ChatMessageToolCall, CreateChatCompletionRequest} from "../../../contract/index.js";
import {EngineError} from "../EngineError.js";
import type {EngineRuntime, GenerateOptions, GenerationResult} from "../EngineRuntime.js";
import {toSamplingOptions} from "../toSamplingOptions.js";
import {toChatHistory} from "./toChatHistory.js";
import {forcedCallInstruction, forcedCallSchema, forcedTools, toChatModelFunctions} from "./toolGrammar.js";
import {rejectUnsupportedChatFields} from "./rejectUnsupportedChatFields.js";
import {createToolCallId} from "./createToolCallId.js";
import {toGrammarSchema} from "./toGrammarSchema.js";
import {countUsage} from "../countUsage.js";

export type ChatGenerationResult = GenerationResult & {
    toolCalls: ChatMessageToolCall[] | null
};

/** One chat completion on a pooled sequence: prompt checks, sampling, grammars and tool calls. */
export async function generateChat(
    runtime: EngineRuntime, request: CreateChatCompletionRequest, options: GenerateOptions = {}
): Promise<ChatGenerationResult> {
    rejectUnsupportedChatFields(request);
    const sampling = toSamplingOptions(request, runtime.model, runtime.vocabularySize);
    const tools = request.tools?.map((tool, index) => tool.function.parameters == null ? tool : {
        ...tool,
        function: {...tool.function, parameters: toGrammarSchema(tool.function.parameters, `tools[${index}].function.parameters`) as Record<string, unknown>}
    });
    const forced = forcedTools(tools, request.tool_choice);
    const autoFunctions = forced == null && tools != null && tools.length > 0 && request.tool_choice !== "none"
        ? toChatModelFunctions(tools)
        : undefined;

    let history = toChatHistory(request.messages);
    if (forced != null)
        history = [{type: "system", text: forcedCallInstruction(forced)}, ...history];

    const grammar = await resolveGrammar(runtime, request, forced);
    if (grammar != null && autoFunctions != null)
        throw new EngineError("unsupported_parameter",
            "response_format json_object/json_schema can't be combined with tools the model may call; set tool_choice to \"none\", \"required\" or a function.",
            {param: "response_format"});

    const prompt = tokenizePrompt(runtime, history, autoFunctions);
    const promptTokens = prompt.length;
    // LlamaChat wants one free token after the prompt; without it, it silently drops earlier messages to make room
    // (while usage would still count them), so such a prompt is refused like any other that doesn't fit.
    const room = runtime.contextSize - 1 - promptTokens;
    if (room <= 0)
        throw new EngineError("context_length_exceeded",
            `This model's context holds ${runtime.contextSize} tokens per request (messages and answer together), but the messages take ${promptTokens} tokens, leaving no room for an answer. Shorten the messages.`,
            {param: "messages"});
    const requestedMax = request.max_completion_tokens ?? request.max_tokens ?? undefined;
    const maxTokens = Math.min(requestedMax ?? room, room);

    const lease = await runtime.pool.acquire({tokens: prompt, signal: options.signal});
    const chat = new LlamaChat({contextSequence: lease.item, chatWrapper: runtime.chatWrapper, autoDisposeSequence: false});
    try {
        options.onStart?.();
        let completionTokens = 0;
        const common = {
            ...sampling,
            signal: options.signal,
            maxTokens,
            onToken(tokens: Token[]) {
                completionTokens += tokens.length;
            },
            onTextChunk: forced == null ? options.onText : undefined
        };
        const result = autoFunctions != null
            ? await chat.generateResponse(history, {...common, functions: autoFunctions, maxParallelFunctionCalls: 1})
            : await chat.generateResponse(history, {...common, grammar});

        const truncated = result.metadata.stopReason === "maxTokens";
        const usage = countUsage({promptTokens, reportedTokens: completionTokens, maxTokens, stopReason: result.metadata.stopReason});
        if (forced != null)
            // A call cut off by max_tokens can't be parsed: like OpenAI, report `length` with what was generated.
            return truncated
                ? {text: result.response, toolCalls: null, finishReason: "length", usage}
                : {text: "", toolCalls: [parseForcedCall(result.response)], finishReason: "tool_calls", usage};

        const calls = result.functionCalls ?? [];
        if (calls.length > 0)
            return {
                text: result.response,
                toolCalls: calls.map((call) => ({
                    id: createToolCallId(),
                    type: "function",
                    function: {name: call.functionName, arguments: JSON.stringify(call.params ?? {})}
                })),
                finishReason: "tool_calls",
                usage
            };

        return {
            text: result.response,
            toolCalls: null,
            finishReason: truncated ? "length" : "stop",
            usage
        };
    } finally {
        chat.dispose({disposeSequence: false});
        lease.release();
    }
}

async function resolveGrammar(
    runtime: EngineRuntime, request: CreateChatCompletionRequest, forced: ReturnType<typeof forcedTools>
): Promise<LlamaGrammar | undefined> {
    if (forced != null) {
        if (request.response_format != null && request.response_format.type !== "text")
            throw new EngineError("unsupported_parameter", "A forced tool call already answers in JSON; drop response_format.", {param: "response_format"});
        return await jsonGrammar(runtime, forcedCallSchema(forced), "tools");
    }

    const format = request.response_format;
    if (format == null || format.type === "text") return undefined;
    if (format.type === "json_object") return await runtime.jsonGrammar("json");
    const param = "response_format.json_schema.schema";
    return await jsonGrammar(runtime, toGrammarSchema(format.json_schema.schema ?? {type: "object"}, param), param);
}

async function jsonGrammar(runtime: EngineRuntime, schema: object, param: string) {
    try {
        return await runtime.jsonGrammar(schema);
    } catch (error) {
        throw new EngineError("invalid_parameter",
            `${param} uses JSON Schema features the grammar engine can't enforce: ${(error as Error).message}`, {param, cause: error});
    }
}

/** The prompt exactly as the chat wrapper renders it: its length is `usage.prompt_tokens`. */
function tokenizePrompt(runtime: EngineRuntime, history: ChatHistoryItem[], functions: ChatModelFunctions | undefined) {
    const {contextText} = runtime.chatWrapper.generateContextState({chatHistory: history, availableFunctions: functions});
    return contextText.tokenize(runtime.model.tokenizer);
}

function parseForcedCall(text: string): ChatMessageToolCall {
    // The grammar guarantees this shape; a parse failure would be an engine bug, so it is left to surface as a 500.
    const call = JSON.parse(text) as {name: string, arguments: unknown};
    return {id: createToolCallId(), type: "function", function: {name: call.name, arguments: JSON.stringify(call.arguments)}};
}
