import {
    LlamaChat, LlamaText, type LlamaChatResponseChunk, type LlamaGrammar, type Token
} from "node-llama-cpp";
import {EngineError} from "../EngineError.js";
import type {EngineRuntime} from "../EngineRuntime.js";
import type {ChoiceGeneration, ChoiceOptions} from "../generation/ChoiceGeneration.js";
import type {ChatPrompt, GenerationRequest, ToolCall, ToolDefinition} from "../generation/GenerationRequest.js";
import {toSamplingOptions} from "../toSamplingOptions.js";
import {forcedCallSchema} from "./forcedCallSchema.js";
import {checkedSchemaGrammar} from "./checkedSchemaGrammar.js";
import {renderChatPrompt} from "./renderChatPrompt.js";
import type {SchemaGrammar} from "../SchemaGrammar.js";
import {ToolCallStream} from "./ToolCallStream.js";
import {createToolCallId} from "./createToolCallId.js";
import {countUsage} from "../countUsage.js";
import {LogprobRecorder} from "../logprobs/LogprobRecorder.js";
import {JsonAnswerGuard} from "../json/JsonAnswerGuard.js";
import {ChatAnswerText} from "./ChatAnswerText.js";

/** Attempts at an answer that must pass the full-schema check (the first plus retries with other seeds). */
const maxAttempts = 3;

/** One chat answer on a pooled sequence: prompt checks, sampling, grammars, the schema check and tool calls. */
export async function generateChat(
    runtime: EngineRuntime, request: GenerationRequest & {prompt: ChatPrompt}, options: ChoiceOptions = {}
): Promise<ChoiceGeneration> {
    const choice = options.choice ?? 0;
    const {forced, nativeForced, autoFunctions, functions, history, chatWrapper, tokens: prompt} = await renderChatPrompt(runtime, request);

    const constraint = await resolveConstraint(runtime, request, forced);
    if (constraint != null && autoFunctions != null)
        throw new EngineError("unsupported_parameter",
            "A JSON constraint can't be combined with tools the model may call; set {param} to \"none\", \"required\" or a function.",
            {param: "toolChoice"});

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
    // A streamed answer can't be taken back, and a greedy one would come out the same: one attempt for those.
    const attempts = constraint?.validate != null && (forced != null || options.onEvent == null) && request.sampling?.temperature !== 0
        ? maxAttempts
        : 1;

    const lease = await runtime.pool.acquire({tokens: prompt, signal: options.signal});
    let cachedPromptTokens: number;
    try {
        await runtime.promptCache?.prepare(lease.item, prompt);
        await options.sharedPrompt?.prepare(lease.item, prompt);
        // The prompt's start the sequence already holds (an earlier turn of the same conversation, say, or what the
        // prompt cache restored) isn't evaluated again; the last prompt token always is, for its logits
        cachedPromptTokens = Math.min(lease.item.compareContextTokens(prompt).firstDifferentIndex, promptTokens - 1);
    } catch (error) {
        lease.release();
        throw error;
    }
    const chat = new LlamaChat({contextSequence: lease.item, chatWrapper, autoDisposeSequence: false});
    const guardsJson = (request.constraint?.type === "json" || request.constraint?.type === "jsonSchema") && forced == null;
    try {
        options.onStart?.({promptTokens});
        for (let attempt = 1; ; attempt++) {
            const generation = await generateOnce(attempt);
            const failure = checkAnswer(generation);
            if (failure == null) {
                // A forced call is passed on only once it passed the check (the calls the model may choose, as parsed).
                if (forced != null) {
                    for (const [index, {id, name, arguments: text}] of generation.toolCalls.entries()) {
                        options.onEvent?.({type: "toolCallStart", choice, index, id, name});
                        options.onEvent?.({type: "toolCallArguments", choice, index, text});
                    }
                }
                return cachedPromptTokens > 0 ? {...generation, usage: {...generation.usage, cachedPromptTokens}} : generation;
            }
            if (attempt >= attempts)
                throw new EngineError("schema_not_satisfied",
                    `The model's answer didn't satisfy {param} (${failure})${attempts > 1 ? ` in ${attempts} attempts` : ""}. ` +
                    "The grammar enforces most of a schema; what only the check after generation enforces (see the reference) " +
                    "may need another seed, more max_tokens or a simpler schema.",
                    {param: forced != null ? "tools" : "constraint.schema"});
        }
    } finally {
        chat.dispose({disposeSequence: false});
        lease.release();
    }

    /**
     * The reason an answer fails the full-schema check, or `null`. Cut-off answers aren't checked (`length` says so),
     * nor one a stop sequence cut (it isn't JSON any more: the client asked for the cut).
     */
    function checkAnswer(generation: ChoiceGeneration): string | null {
        if (constraint?.validate == null || generation.finishReason === "length") return null;
        let values: unknown[];
        try {
            values = forced != null
                ? generation.toolCalls.map((call) => ({name: call.name, arguments: JSON.parse(call.arguments) as unknown}))
                : [JSON.parse(generation.text) as unknown];
        } catch {
            return null;
        }
        for (const value of values) {
            const result = constraint.validate(value);
            if (!result.valid) return result.message;
        }
        return null;
    }

    async function generateOnce(attempt: number): Promise<ChoiceGeneration> {
        // Per attempt, so a retry's log-probabilities are its own tokens', not a failed attempt's.
        const recorder = request.topLogprobs == null ? null : new LogprobRecorder(runtime.model, {top: request.topLogprobs});
        const detach = recorder?.attach(lease.item);
        try {
            return await generateWith(attempt, recorder);
        } finally {
            detach?.();
        }
    }

    async function generateWith(attempt: number, recorder: LogprobRecorder | null): Promise<ChoiceGeneration> {
        // A retry samples afresh: the request's seed moved on (deterministically) or a new random one.
        const seed = request.sampling?.seed;
        const sampling = toSamplingOptions({...request.sampling, seed: seed == null ? undefined : seed + (attempt - 1) * 7919},
            runtime.model, runtime.vocabularySize);
        const validate = constraint?.validate;
        const answer = new ChatAnswerText({
            choice,
            onEvent: options.onEvent,
            recorder,
            guard: guardsJson
                ? new JsonAnswerGuard({
                    maxTokens,
                    countTokens: (text) => runtime.model.tokenize(text, false, "trimLeadingSpace").length,
                    // A closed answer that no longer matches the schema is returned as cut, not as a wrong answer.
                    accept: validate == null ? undefined : (text) => validate(JSON.parse(text)).valid
                })
                : null
        });
        // A forced call is passed on once it passed the check, not while it is written
        const toolCallStream = new ToolCallStream(choice, forced == null ? options.onEvent : undefined);
        let completionTokens = 0;
        let reasoningTokens = 0;
        const common = {
            ...sampling,
            customStopTriggers: stops == null || stops.length === 0 ? undefined : stops,
            signal: options.signal,
            maxTokens,
            budgets: request.thinkingBudget == null ? undefined : {thoughtTokens: request.thinkingBudget},
            onToken(tokens: Token[]) {
                completionTokens += tokens.length;
                answer.onToken(tokens);
            },
            // A forced call's JSON is no answer text.
            onTextChunk: forced == null ? (text: string) => answer.onTextChunk(text) : undefined,
            // Thought segments (a thinking model's reasoning) come only here; onToken doesn't report their tokens.
            onResponseChunk(chunk: LlamaChatResponseChunk) {
                if (chunk.type !== "segment" || chunk.segmentType !== "thought") return;
                completionTokens += chunk.tokens.length;
                reasoningTokens += chunk.tokens.length;
                answer.onReasoning(chunk.text);
            }
        };
        const oneCall = request.parallelToolCalls === false || (forced != null && typeof request.toolChoice === "object");
        const result = functions != null
            ? await chat.generateResponse(history, {
                ...common,
                functions,
                maxParallelFunctionCalls: oneCall ? 1 : undefined,
                onFunctionCallParamsChunk: (chunk) => toolCallStream.onParamsChunk(chunk)
            })
            : await chat.generateResponse(history, {...common, grammar: constraint?.grammar});

        const truncated = result.metadata.stopReason === "maxTokens";
        const finished = answer.finish(truncated);
        const {logprobs, closedTokens, reasoning} = finished;
        // What LlamaChat returns (its chunks, trimmed as its wrapper trims); a guarded JSON answer is what the guard let
        // through, and an answer after reasoning what is left once the whitespace before it is trimmed.
        const text = closedTokens != null || reasoning !== "" || guardsJson
            ? finished.text
            : result.response;
        if (forced != null && !nativeForced) {
            const usage = countUsage({promptTokens, reportedTokens: completionTokens, maxTokens, stopReason: result.metadata.stopReason});
            // A call cut off by maxTokens can't be parsed: like a truncated answer, it ends on `length`, and the
            // half-written call wrapper is not an answer, so nothing of it is returned.
            if (truncated) return {text: "", reasoning, toolCalls: [], finishReason: "length", logprobs: recorder == null ? null : [], usage};
            return {text: "", reasoning, toolCalls: [parseForcedCall(result.response)], finishReason: "toolCalls", logprobs: recorder == null ? null : [], usage};
        }

        const toolCalls = toolCallStream.finish(result.functionCalls ?? []);
        // LlamaChat reports the tokens of text through onToken but not those of the calls it parses out: they count as
        // the model's template writes them (what the context holds).
        const callTokens = (result.functionCalls ?? [])
            .reduce((sum, call) => sum + LlamaText.fromJSON(call.raw).tokenize(runtime.model.tokenizer).length, 0);
        // A thinking model's segment markers (`<think>`, `</think>` and the whitespace around them) reach no callback, so
        // when it reasoned and stopped on its end-of-turn token, the generated tokens are what the sequence now holds
        // past the prompt (that token itself is sampled, never evaluated, and not counted, as elsewhere).
        if (reasoningTokens > 0 && result.metadata.stopReason === "eogToken")
            completionTokens = Math.max(completionTokens, lease.item.nextTokenIndex - promptTokens);
        // A JSON answer closed within the budget counts the tokens it is made of, not the budget.
        const usage = closedTokens != null ? {promptTokens, completionTokens: closedTokens} : countUsage({
            promptTokens,
            reportedTokens: completionTokens + callTokens,
            maxTokens,
            stopReason: result.metadata.stopReason
        });
        const fullUsage = reasoningTokens > 0 ? {...usage, reasoningTokens} : usage;
        if (toolCalls.length > 0)
            return {text, reasoning, toolCalls, finishReason: "toolCalls", logprobs, usage: fullUsage};
        const stopSequence = result.metadata.stopReason === "customStopTrigger" ? matchedStop(stops ?? [], result.metadata.customStopTrigger) : undefined;
        return {
            text, reasoning, toolCalls: [], finishReason: truncated ? "length" : "stop", logprobs, usage: fullUsage,
            ...(stopSequence != null ? {stopSequence} : {})
        };
    }
}

type Constraint = {grammar: LlamaGrammar, validate?: SchemaGrammar["validate"]};

async function resolveConstraint(
    runtime: EngineRuntime, request: GenerationRequest, forced: readonly ToolDefinition[] | null
): Promise<Constraint | undefined> {
    const constraint = request.constraint ?? {type: "none"};
    if (forced != null) {
        if (constraint.type !== "none")
            throw new EngineError("unsupported_parameter", "A forced tool call already answers in JSON; drop {param}.", {param: "constraint"});
        return await checkedSchemaGrammar(runtime, forcedCallSchema(forced), "tools");
    }
    if (constraint.type === "none") return undefined;
    if (constraint.type === "json") return {grammar: await runtime.jsonGrammar()};
    return await checkedSchemaGrammar(runtime, constraint.schema, "constraint.schema");
}

/** Which of the request's stop texts LlamaChat's trigger is (it reports the trigger as it matched it: text pieces). */
function matchedStop(stops: readonly string[], trigger: readonly (string | Token)[]) {
    const text = trigger.filter((piece) => typeof piece === "string").join("");
    return stops.find((stop) => stop === text) ?? text;
}

function parseForcedCall(text: string): ToolCall {
    // The grammar guarantees this shape; a parse failure would be an engine bug, so it is left to surface as a 500.
    const call = JSON.parse(text) as {name: string, arguments: unknown};
    return {id: createToolCallId(), name: call.name, arguments: JSON.stringify(call.arguments)};
}
