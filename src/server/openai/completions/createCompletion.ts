import type {FastifyReply} from "fastify";
import type {CompletionUsage, CreateCompletionRequest, CreateCompletionResponse} from "../../../../contract/index.js";
import type {GenerationRequest} from "../../../engine/generation/GenerationRequest.js";
import type {ServerEngine} from "../../ServerEngine.js";
import type {ServerLifetime} from "../../ServerLifetime.js";
import {ApiError} from "../../ApiError.js";
import {abortOnClientClose} from "../../routes/abortOnClientClose.js";
import {openEventStream} from "../../routes/openEventStream.js";
import {withWireParams} from "../../withWireParams.js";
import {toInputList} from "../toInputList.js";
import {responseIdentity} from "../responseIdentity.js";
import {toSampling} from "../toSampling.js";
import {toStopList} from "../toStopList.js";
import {toFinishReason} from "../toFinishReason.js";
import {toOpenAiUsage} from "../toOpenAiUsage.js";

function rejectUnsupported(body: CreateCompletionRequest) {
    if (body.n != null && body.n !== 1)
        throw new ApiError("unsupported_parameter", "Only n = 1 is supported: send one request per choice (they can run concurrently).", "n");
    if (body.best_of != null && body.best_of !== 1)
        throw new ApiError("unsupported_parameter", "Only best_of = 1 is supported.", "best_of");
    if (body.logprobs != null)
        throw new ApiError("unsupported_parameter", "logprobs are not supported by this server.", "logprobs");
    if (body.suffix != null && body.suffix !== "")
        throw new ApiError("unsupported_parameter", "suffix (fill-in-the-middle) is not supported by this server.", "suffix");
}

/** Engine parameter names → Completions fields. */
const renameParam = (param: string) => param === "sampling.tokenBias" ? "logit_bias" : param === "maxTokens" ? "max_tokens" : param;

/** `POST /v1/completions`: the OpenAI (legacy) Completions adapter: one choice per prompt, whole or streamed. */
export async function createCompletion(engine: ServerEngine, body: CreateCompletionRequest, reply: FastifyReply, lifetime: ServerLifetime) {
    rejectUnsupported(body);
    engine.assertModel(body.model);
    const prompts = toInputList(body.prompt);
    if (body.echo === true && prompts.some((prompt) => typeof prompt !== "string"))
        throw new ApiError("unsupported_parameter", "echo works with text prompts only.", "echo");
    const echo = (index: number) => body.echo === true ? prompts[index] as string : "";
    const sampling = toSampling(body);
    const stop = toStopList(body.stop);
    const requestFor = (prompt: string | number[]): GenerationRequest =>
        ({prompt: {type: "text", text: prompt}, sampling, stop, maxTokens: body.max_tokens ?? undefined});

    const signal = abortOnClientClose(reply, lifetime.signal);
    const identity = responseIdentity(engine, "cmpl");
    const usage: CompletionUsage = {prompt_tokens: 0, completion_tokens: 0, total_tokens: 0};
    const addUsage = (more: CompletionUsage) => {
        usage.prompt_tokens += more.prompt_tokens;
        usage.completion_tokens += more.completion_tokens;
        usage.total_tokens += more.total_tokens;
    };
    const generate = (prompt: string | number[], options: Parameters<ServerEngine["generate"]>[1]) =>
        withWireParams(() => engine.generate(requestFor(prompt), {signal, ...options}), renameParam);

    if (body.stream !== true) {
        const choices: CreateCompletionResponse["choices"] = [];
        for (const [index, prompt] of prompts.entries()) {
            const result = await generate(prompt, {});
            addUsage(toOpenAiUsage(result.usage));
            choices.push({index, text: echo(index) + result.text, logprobs: null, finish_reason: toFinishReason(result.finishReason)});
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
    const text = (index: number, value: string, finishReason: CreateCompletionResponse["choices"][number]["finish_reason"] = null) =>
        ({index, text: value, logprobs: null, finish_reason: finishReason});

    const stream = await openEventStream(reply, signal, lifetime, async (events, onStart) => {
        for (const [index, prompt] of prompts.entries()) {
            const result = await generate(prompt, {
                onStart() {
                    onStart();
                    if (echo(index) !== "") events.send(event([text(index, echo(index))]));
                },
                onEvent(generated) {
                    if (generated.type === "text") events.send(event([text(index, generated.text)]));
                }
            });
            addUsage(toOpenAiUsage(result.usage));
            events.send(event([text(index, "", toFinishReason(result.finishReason))]));
        }
        if (includeUsage) events.send(event([], usage));
    });
    return {status: 200 as const, body: stream};
}
