import type {FastifyReply} from "fastify";
import type {CreateChatCompletionRequest, CreateChatCompletionResponse, CreateChatCompletionStreamResponse} from "../../../../contract/index.js";
import type {GenerationChoice} from "../../../engine/generation/Generation.js";
import type {ServerEngine} from "../../ServerEngine.js";
import type {ServerLifetime} from "../../ServerLifetime.js";
import {abortOnClientClose} from "../../routes/abortOnClientClose.js";
import {openEventStream} from "../../routes/openEventStream.js";
import {withWireParams} from "../../withWireParams.js";
import {chatParamNames} from "./chatParamNames.js";
import {responseIdentity} from "../responseIdentity.js";
import {toFinishReason} from "../toFinishReason.js";
import {toOpenAiUsage} from "../toOpenAiUsage.js";
import {toChatLogprobs} from "../toChatLogprobs.js";
import {toChatGenerationRequest} from "./toChatGenerationRequest.js";

type StreamChoice = CreateChatCompletionStreamResponse["choices"][number];

/** `POST /v1/chat/completions`: the OpenAI Chat Completions adapter over the engine, whole or streamed. */
export async function createChatCompletion(
    getEngine: () => ServerEngine, body: CreateChatCompletionRequest, reply: FastifyReply, lifetime: ServerLifetime
) {
    const request = toChatGenerationRequest(body);
    const engine = getEngine();
    engine.assertModel(body.model);
    const signal = abortOnClientClose(reply, lifetime.signal);
    const identity = responseIdentity(engine, "chatcmpl");
    const generate = (options: Parameters<ServerEngine["generate"]>[1]) =>
        withWireParams(() => engine.generate(request, {signal, ...options}), chatParamNames);

    if (body.stream !== true) {
        const result = await generate({});
        const response: CreateChatCompletionResponse = {
            ...identity,
            object: "chat.completion",
            choices: result.choices.map((choice, index) => ({
                index,
                message: {
                    role: "assistant",
                    content: choice.toolCalls.length > 0 && choice.text === "" ? null : choice.text,
                    // Where thinking models' reasoning goes in chat completions (llama-server's, DeepSeek's and
                    // LM Studio's field); OpenAI's own clients ignore it.
                    ...(choice.reasoning !== "" ? {reasoning_content: choice.reasoning} : {}),
                    refusal: null,
                    ...(choice.toolCalls.length > 0 ? {tool_calls: toToolCalls(choice)} : {})
                },
                logprobs: toChatLogprobs(choice.logprobs),
                finish_reason: toFinishReason(choice.finishReason)
            })),
            usage: toOpenAiUsage(result.usage, {details: true})
        };
        return {status: 200 as const, body: response};
    }

    const includeUsage = body.stream_options?.include_usage === true;
    const chunk = (choices: StreamChoice[], usage: CreateChatCompletionStreamResponse["usage"] = null): CreateChatCompletionStreamResponse => ({
        ...identity,
        object: "chat.completion.chunk",
        choices,
        // OpenAI sends `usage: null` on every chunk but the last when usage was asked for, and omits it otherwise.
        ...(includeUsage ? {usage} : {})
    });
    const delta = (index: number, value: StreamChoice["delta"], finishReason: StreamChoice["finish_reason"] = null,
        logprobs: StreamChoice["logprobs"] = null): StreamChoice => ({index, delta: value, logprobs, finish_reason: finishReason});

    const stream = await openEventStream(reply, signal, lifetime, async (events, onStart) => {
        const choices = request.choices ?? 1;
        const result = await generate({
            onStart() {
                onStart();
                events.send(chunk(Array.from({length: choices}, (_, index) => delta(index, {role: "assistant", content: ""}))));
            },
            onEvent(event) {
                if (event.type === "text") events.send(chunk([delta(event.choice, {content: event.text}, null, toChatLogprobs(event.logprobs))]));
                else if (event.type === "reasoning") events.send(chunk([delta(event.choice, {reasoning_content: event.text})]));
                else if (event.type === "toolCallStart") events.send(chunk([delta(event.choice, {tool_calls: [{
                    index: event.index, id: event.id, type: "function", function: {name: event.name, arguments: ""}
                }]})]));
                else events.send(chunk([delta(event.choice, {tool_calls: [{index: event.index, function: {arguments: event.text}}]})]));
            }
        });
        events.send(chunk(result.choices.map((choice, index) => delta(index, {}, toFinishReason(choice.finishReason)))));
        if (includeUsage) events.send(chunk([], toOpenAiUsage(result.usage, {details: true})));
    });
    return {status: 200 as const, body: stream};
}

function toToolCalls(choice: GenerationChoice) {
    return choice.toolCalls.map((call) => ({id: call.id, type: "function" as const, function: {name: call.name, arguments: call.arguments}}));
}
