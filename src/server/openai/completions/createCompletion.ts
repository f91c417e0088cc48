import type {FastifyReply} from "fastify";
import type {CompletionUsage, CreateCompletionRequest, CreateCompletionResponse} from "../../../../contract/index.js";
import type {GenerationRequest} from "../../../engine/generation/GenerationRequest.js";
import type {ServerEngine} from "../../ServerEngine.js";
import type {ServerLifetime} from "../../ServerLifetime.js";
import {ApiError} from "../../ApiError.js";
import {abortOnClientClose} from "../../routes/abortOnClientClose.js";
import {openEventStream} from "../../routes/openEventStream.js";
import {withWireParams, type WireParamNames} from "../../withWireParams.js";
import {toInputList} from "../toInputList.js";
import {responseIdentity} from "../responseIdentity.js";
import {toSampling} from "../toSampling.js";
import {toStopList} from "../toStopList.js";
import {toFinishReason} from "../toFinishReason.js";
import {toOpenAiUsage} from "../toOpenAiUsage.js";
import {toCompletionLogprobs} from "../toCompletionLogprobs.js";

function rejectUnsupported(body: CreateCompletionRequest) {
    if (body.best_of != null && body.best_of !== (body.n ?? 1))
        throw new ApiError("unsupported_parameter", "best_of (ranking more candidates than are returned) is not supported; omit it or set it to n.", "best_of");
    if (body.suffix != null && body.suffix !== "")
        throw new ApiError("unsupported_parameter", "suffix (fill-in-the-middle) is not supported by this server.", "suffix");
}

/** Engine parameter names → Completions fields. */
const completionParamNames: WireParamNames = [
    [/^sampling\.tokenBias$/, "logit_bias"], [/^maxTokens$/, "max_tokens"], [/^choices$/, "n"], [/^topLogprobs$/, "logprobs"]
];

/**
 * `POST /v1/completions`: the OpenAI (legacy) Completions adapter, whole or streamed: `n` choices per prompt, prompt
 * `p`'s choice `k` at index `p × n + k`, as OpenAI numbers them.
 */
export async function createCompletion(
    getEngine: () => ServerEngine, body: CreateCompletionRequest, reply: FastifyReply, lifetime: ServerLifetime
) {
    rejectUnsupported(body);
    const prompts = toInputList(body.prompt);
    if (body.echo === true && prompts.some((prompt) => typeof prompt !== "string"))
        throw new ApiError("unsupported_parameter", "echo works with text prompts only.", "echo");
    const engine = getEngine();
    engine.assertModel(body.model);
    const echo = (index: number) => body.echo === true ? prompts[index] as string : "";
    const sampling = toSampling(body);
    const stop = toStopList(body.stop);
    const n = body.n ?? 1;
    const requestFor = (prompt: string | number[]): GenerationRequest =>
        ({prompt: {type: "text", text: prompt}, sampling, stop, maxTokens: body.max_tokens ?? undefined, choices: n,
            topLogprobs: body.logprobs ?? undefined});

    const signal = abortOnClientClose(reply, lifetime.signal);
    const identity = responseIdentity(engine, "cmpl");
    const usage: CompletionUsage = {prompt_tokens: 0, completion_tokens: 0, total_tokens: 0};
    const addUsage = (more: CompletionUsage) => {
        usage.prompt_tokens += more.prompt_tokens;
        usage.completion_tokens += more.completion_tokens;
        usage.total_tokens += more.total_tokens;
    };
    const generate = (prompt: string | number[], options: Parameters<ServerEngine["generate"]>[1]) =>
        withWireParams(() => engine.generate(requestFor(prompt), {signal, ...options}), completionParamNames);

    if (body.stream !== true) {
        const choices: CreateCompletionResponse["choices"] = [];
        for (const [promptIndex, prompt] of prompts.entries()) {
            const result = await generate(prompt, {});
            addUsage(toOpenAiUsage(result.usage));
            for (const [k, choice] of result.choices.entries())
                choices.push({
                    index: promptIndex * n + k, text: echo(promptIndex) + choice.text,
                    logprobs: toCompletionLogprobs(choice.logprobs, echo(promptIndex).length), finish_reason: toFinishReason(choice.finishReason)
                });
        }
        const response: CreateCompletionResponse = {...identity, object: "text_completion", choices, usage};
        return {status: 200 as const, body: response};
    }

    const includeUsage = body.stream_options?.include_usage === true;
    const event = (choices: CreateCompletionResponse["choices"], last?: CompletionUsage): CreateCompletionResponse => ({
        ...identity,
        object: "text_completion",
        choices,
        ...(includeUsage ? {usage: last ?? null} : {})
    });
    type Choice = CreateCompletionResponse["choices"][number];
    const text = (index: number, value: string, finishReason: Choice["finish_reason"] = null, logprobs: Choice["logprobs"] = null): Choice =>
        ({index, text: value, logprobs, finish_reason: finishReason});

    /** Characters of each choice's text sent so far. */
    const streamed = new Map<number, number>();
    const stream = await openEventStream(reply, signal, lifetime, async (events, onStart) => {
        for (const [promptIndex, prompt] of prompts.entries()) {
            const result = await generate(prompt, {
                onStart() {
                    onStart();
                    if (echo(promptIndex) !== "")
                        events.send(event(Array.from({length: n}, (_, k) => text(promptIndex * n + k, echo(promptIndex)))));
                },
                onEvent(generated) {
                    if (generated.type !== "text") return;
                    // Offsets count from the choice's text so far, as OpenAI's streamed events do.
                    const index = promptIndex * n + generated.choice;
                    const logprobs = toCompletionLogprobs(generated.logprobs, streamed.get(index) ?? echo(promptIndex).length);
                    streamed.set(index, (streamed.get(index) ?? echo(promptIndex).length) + generated.text.length);
                    events.send(event([text(index, generated.text, null, logprobs)]));
                }
            });
            addUsage(toOpenAiUsage(result.usage));
            events.send(event(result.choices.map((choice, k) => text(promptIndex * n + k, "", toFinishReason(choice.finishReason)))));
        }
        if (includeUsage) events.send(event([], usage));
    });
    return {status: 200 as const, body: stream};
}
