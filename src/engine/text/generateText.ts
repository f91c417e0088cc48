import {LlamaCompletion, type Token} from "node-llama-cpp";
import {EngineError} from "../EngineError.js";
import type {EngineRuntime} from "../EngineRuntime.js";
import type {ChoiceGeneration, ChoiceOptions} from "../generation/ChoiceGeneration.js";
import type {GenerationRequest, TextPrompt} from "../generation/GenerationRequest.js";
import {toSamplingOptions} from "../toSamplingOptions.js";
import {countUsage} from "../countUsage.js";
import {StopSequenceFilter} from "./StopSequenceFilter.js";
import {LogprobRecorder} from "../logprobs/LogprobRecorder.js";
import type {TokenLogprob} from "../generation/TokenLogprob.js";

/** One continuation of a plain prompt (no chat template) on a pooled sequence. */
export async function generateText(
    runtime: EngineRuntime, request: GenerationRequest & {prompt: TextPrompt}, options: ChoiceOptions = {}
): Promise<ChoiceGeneration> {
    if (request.tools != null && request.tools.length > 0)
        throw new EngineError("unsupported_parameter", "Tools need a chat prompt.", {param: "tools"});
    if (request.constraint != null && request.constraint.type !== "none")
        throw new EngineError("unsupported_parameter", "A JSON constraint needs a chat prompt.", {param: "constraint"});
    const sampling = toSamplingOptions(request.sampling ?? {}, runtime.model, runtime.vocabularySize);
    const choice = options.choice ?? 0;
    const prompt = request.prompt.text;
    // Tokenized as llama.cpp (and so llama-server) does: SentencePiece models get their dummy-prefix space, as in
    // training, so "Once" is one token ("▁Once") rather than three ("O", "n", "ce"), and prompt token counts match
    // what other llama.cpp servers report for the same prompt.
    const input = typeof prompt === "string"
        ? runtime.model.tokenize(prompt)
        : prompt as Token[];
    if (typeof prompt !== "string")
        for (const token of input)
            if (token >= runtime.vocabularySize())
                throw new EngineError("invalid_parameter", `Token ${token} is not in this model's vocabulary (0–${runtime.vocabularySize() - 1}).`, {param: "prompt"});

    // LlamaCompletion prepends BOS itself and silently drops the start of a prompt that doesn't fit; we refuse instead.
    const promptTokens = runtime.promptPrefix.length + input.length;
    const room = runtime.contextSize - promptTokens;
    if (room <= 0)
        throw new EngineError("context_length_exceeded",
            `This model's context holds ${runtime.contextSize} tokens per request, but the prompt takes ${promptTokens} tokens. Shorten the prompt.`,
            {param: "prompt"});
    const maxTokens = Math.min(request.maxTokens ?? room, room);

    const tokens = [...runtime.promptPrefix, ...input];
    const lease = await runtime.pool.acquire({tokens, signal: options.signal});
    try {
        await runtime.promptCache?.prepare(lease.item, tokens);
        await options.sharedPrompt?.prepare(lease.item, tokens);
    } catch (error) {
        lease.release();
        throw error;
    }
    const completion = new LlamaCompletion({contextSequence: lease.item, autoDisposeSequence: false});
    // Stop texts are applied here rather than by LlamaCompletion's `customStopTriggers`: in node-llama-cpp 3.21.1
    // it matches them against each token's text detokenized alone, which drops SentencePiece's leading space, so
    // "girl named" or " Lily" never matched and "little" cut the space before it from the answer.
    const filter = new StopSequenceFilter(request.stop?.filter((stop) => stop !== "") ?? []);
    // Ends the generation on a stop text or when the caller aborts. Linked by hand: `AbortSignal.any` costs ≈ 40 µs
    // and leaves ≈ 2 KB per call for a major GC to reclaim on Node 20 (docs/performance.md).
    const ended = new AbortController();
    const onAbort = () => ended.abort(options.signal!.reason);
    const recorder = request.topLogprobs == null ? null : new LogprobRecorder(runtime.model, {top: request.topLogprobs});
    const detach = recorder?.attach(lease.item);
    // Log-probabilities of the tokens generated so far, in order; those of the first `filter.answerTokens` are the answer's.
    const generated: TokenLogprob[] = [];
    let passedLogprobs = 0;
    let text = "";
    const pass = (value: string) => {
        const logprobs = recorder == null ? undefined : generated.slice(passedLogprobs, filter.answerTokens);
        passedLogprobs += logprobs?.length ?? 0;
        if (value === "" && (logprobs == null || logprobs.length === 0)) return;
        text += value;
        options.onEvent?.({type: "text", choice, text: value, ...(logprobs == null ? {} : {logprobs})});
    };
    try {
        if (options.signal?.aborted) onAbort();
        else options.signal?.addEventListener("abort", onAbort, {once: true});
        options.onStart?.({promptTokens});
        let chunkTokens = 0;
        const result = await completion.generateCompletionWithMeta(input, {
            ...sampling,
            signal: ended.signal,
            // A stop text ends the generation through `ended`; a client that leaves still gets its error below.
            stopOnAbortSignal: true,
            maxTokens,
            disableContextShift: true,
            // The default (a tenth of the context) makes LlamaCompletion cut the start off any prompt longer than
            // the other nine tenths, silently; prompts that don't fit are refused above, so nothing needs the room.
            contextShiftSize: 0,
            // LlamaCompletion reports each released group of tokens, then its text.
            onToken(tokens) {
                chunkTokens += tokens.length;
                if (recorder != null) generated.push(...recorder.take(tokens));
            },
            onTextChunk(chunk) {
                const {text: answer, stopped: found} = filter.push(chunk, chunkTokens);
                chunkTokens = 0;
                pass(answer);
                if (found) ended.abort();
            }
        });
        options.signal?.throwIfAborted();
        if (!filter.stopped) pass(filter.flush());
        return {
            text,
            reasoning: "",
            toolCalls: [],
            finishReason: filter.stopped || result.metadata.stopReason !== "maxTokens" ? "stop" : "length",
            logprobs: recorder == null ? null : generated.slice(0, passedLogprobs),
            usage: countUsage({
                promptTokens,
                reportedTokens: filter.answerTokens,
                maxTokens,
                stopReason: filter.stopped ? "stopSequence" : result.metadata.stopReason
            })
        };
    } finally {
        detach?.();
        options.signal?.removeEventListener("abort", onAbort);
        completion.dispose({disposeSequence: false});
        lease.release();
    }
}
