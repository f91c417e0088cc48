import {LlamaChat, LlamaText, type ChatHistoryItem, type ChatModelFunctions, type LlamaGrammar, type Token} from "node-llama-cpp";
import {EngineError} from "../EngineError.js";
import type {EngineRuntime} from "../EngineRuntime.js";
import type {ChoiceGeneration, ChoiceOptions} from "../generation/ChoiceGeneration.js";
import type {ChatPrompt, GenerationRequest, ToolCall, ToolDefinition} from "../generation/GenerationRequest.js";
import {toSamplingOptions} from "../toSamplingOptions.js";
import {toChatHistory} from "./toChatHistory.js";
import {forcedCallInstruction, forcedCallSchema, forcedTools, toChatModelFunctions} from "./toolGrammar.js";
import {createToolCallId} from "./createToolCallId.js";
import {toGrammarSchema} from "./toGrammarSchema.js";
import {countUsage} from "../countUsage.js";
import {LogprobRecorder} from "../logprobs/LogprobRecorder.js";
import {JsonAnswerGuard} from "../json/JsonAnswerGuard.js";
import {ChatAnswerText} from "./ChatAnswerText.js";

/** One chat answer on a pooled sequence: prompt checks, sampling, grammars and tool calls. */
export async function generateChat(
    runtime: EngineRuntime, request: GenerationRequest & {prompt: ChatPrompt}, options: ChoiceOptions = {}
): Promise<ChoiceGeneration> {
    const sampling = toSamplingOptions(request.sampling ?? {}, runtime.model, runtime.vocabularySize);
    const choice = options.choice ?? 0;
    const tools = request.tools?.map((tool, index): ToolDefinition => tool.parameters == null ? tool : {
        ...tool,
        parameters: toGrammarSchema(tool.parameters, `tools[${index}].parameters`) as Record<string, unknown>
    });
    const forced = forcedTools(tools, request.toolChoice);
    const autoFunctions = forced == null && tools != null && tools.length > 0 && request.toolChoice !== "none"
        ? toChatModelFunctions(tools)
        : undefined;

    let history = toChatHistory(request.prompt.messages);
    if (forced != null)
        history = [{type: "system", text: forcedCallInstruction(forced)}, ...history];

    const grammar = await resolveGrammar(runtime, request, forced);
    if (grammar != null && autoFunctions != null)
        throw new EngineError("unsupported_parameter",
            "A JSON constraint can't be combined with tools the model may call; set {param} to \"none\", \"required\" or a function.",
            {param: "toolChoice"});

    const prompt = tokenizePrompt(runtime, history, autoFunctions);
    const promptTokens = prompt.length;
    // LlamaChat wants one free token after the prompt; without it, it silently drops earlier messages to make room
    // (while usage would still count them), so such a prompt is refused like any other that doesn't fit.
    const room = runtime.contextSize - 1 - promptTokens;
    if (room <= 0)
        throw new EngineError("context_length_exceeded",
            `This model's context holds ${runtime.contextSize} tokens per request (messages and answer together), but the messages take ${promptTokens} tokens, leaving no room for an answer. Shorten the messages.`,
            {param: "prompt"});
    const maxTokens = Math.min(request.maxTokens ?? room, room);
    const stops = request.stop?.filter((stop) => stop !== "");

    const lease = await runtime.pool.acquire({tokens: prompt, signal: options.signal});
    const chat = new LlamaChat({contextSequence: lease.item, chatWrapper: runtime.chatWrapper, autoDisposeSequence: false});
    const recorder = request.topLogprobs == null ? null : new LogprobRecorder(runtime.model, {top: request.topLogprobs});
    const detach = recorder?.attach(lease.item);
    const answer = new ChatAnswerText({
        choice,
        onEvent: options.onEvent,
        recorder,
        guard: request.constraint?.type === "json" && forced == null
            ? new JsonAnswerGuard({maxTokens, countTokens: (text) => runtime.model.tokenize(text, false, "trimLeadingSpace").length})
            : null
    });
    try {
        options.onStart?.();
        let completionTokens = 0;
        const common = {
            ...sampling,
            customStopTriggers: stops == null || stops.length === 0 ? undefined : stops,
            signal: options.signal,
            maxTokens,
            onToken(tokens: Token[]) {
                completionTokens += tokens.length;
                answer.onToken(tokens);
            },
            // A forced call's JSON is no answer text.
            onTextChunk: forced == null ? (text: string) => answer.onTextChunk(text) : undefined
        };
        const result = autoFunctions != null
            ? await chat.generateResponse(history, {...common, functions: autoFunctions, maxParallelFunctionCalls: 1})
            : await chat.generateResponse(history, {...common, grammar});

        const truncated = result.metadata.stopReason === "maxTokens";
        const finished = answer.finish(truncated);
        const {logprobs, closedTokens} = finished;
        // What LlamaChat returns (its chunks, trimmed as its wrapper trims); a guarded JSON answer is what the guard let through.
        const text = closedTokens != null || request.constraint?.type === "json" ? finished.text : result.response;
        if (forced != null) {
            const usage = countUsage({promptTokens, reportedTokens: completionTokens, maxTokens, stopReason: result.metadata.stopReason});
            // A call cut off by maxTokens can't be parsed: like a truncated answer, it ends on `length`, and the
            // half-written call wrapper is not an answer, so nothing of it is returned.
            if (truncated) return {text: "", toolCalls: [], finishReason: "length", logprobs: recorder == null ? null : [], usage};
            const call = parseForcedCall(result.response);
            options.onEvent?.({type: "toolCall", choice, call});
            return {text: "", toolCalls: [call], finishReason: "toolCalls", logprobs: recorder == null ? null : [], usage};
        }

        const calls = (result.functionCalls ?? []).map((call): ToolCall & {tokens: number} => ({
            id: createToolCallId(),
            name: call.functionName,
            arguments: JSON.stringify(call.params ?? {}),
            // LlamaChat reports the tokens of text through onToken but not those of the calls it parses out.
            tokens: LlamaText.fromJSON(call.raw).tokenize(runtime.model.tokenizer).length
        }));
        // A JSON answer closed within the budget counts the tokens it is made of, not the budget.
        const usage = closedTokens != null ? {promptTokens, completionTokens: closedTokens} : countUsage({
            promptTokens,
            reportedTokens: completionTokens + calls.reduce((sum, call) => sum + call.tokens, 0),
            maxTokens,
            stopReason: result.metadata.stopReason
        });
        if (calls.length > 0) {
            const toolCalls = calls.map(({tokens: _, ...call}) => call);
            for (const call of toolCalls) options.onEvent?.({type: "toolCall", choice, call});
            return {text, toolCalls, finishReason: "toolCalls", logprobs, usage};
        }
        return {text, toolCalls: [], finishReason: truncated ? "length" : "stop", logprobs, usage};
    } finally {
        detach?.();
        chat.dispose({disposeSequence: false});
        lease.release();
    }
}

async function resolveGrammar(
    runtime: EngineRuntime, request: GenerationRequest, forced: readonly ToolDefinition[] | null
): Promise<LlamaGrammar | undefined> {
    const constraint = request.constraint ?? {type: "none"};
    if (forced != null) {
        if (constraint.type !== "none")
            throw new EngineError("unsupported_parameter", "A forced tool call already answers in JSON; drop {param}.", {param: "constraint"});
        return await jsonGrammar(runtime, forcedCallSchema(forced), "tools");
    }
    if (constraint.type === "none") return undefined;
    if (constraint.type === "json") return await runtime.jsonGrammar("json");
    const param = "constraint.schema";
    return await jsonGrammar(runtime, toGrammarSchema(constraint.schema, param), param);
}

async function jsonGrammar(runtime: EngineRuntime, schema: object, param: string) {
    try {
        return await runtime.jsonGrammar(schema);
    } catch (error) {
        throw new EngineError("invalid_parameter",
            `{param} uses JSON Schema features the grammar engine can't enforce: ${(error as Error).message}`, {param, cause: error});
    }
}

/** The prompt exactly as the chat wrapper renders it: its length is the usage's prompt tokens. */
function tokenizePrompt(runtime: EngineRuntime, history: ChatHistoryItem[], functions: ChatModelFunctions | undefined) {
    const {contextText} = runtime.chatWrapper.generateContextState({chatHistory: history, availableFunctions: functions});
    return contextText.tokenize(runtime.model.tokenizer);
}

function parseForcedCall(text: string): ToolCall {
    // The grammar guarantees this shape; a parse failure would be an engine bug, so it is left to surface as a 500.
    const call = JSON.parse(text) as {name: string, arguments: unknown};
    return {id: createToolCallId(), name: call.name, arguments: JSON.stringify(call.arguments)};
}
