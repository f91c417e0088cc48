import type {FastifyReply} from "fastify";
import type {CreateChatCompletionRequest, CreateChatCompletionResponse, CreateChatCompletionStreamResponse} from "../../../../contract/index.js";
import type {Generation} from "../../../engine/generation/Generation.js";
import type {ServerEngine} from "../../ServerEngine.js";
import type {ServerLifetime} from "../../ServerLifetime.js";
import {abortOnClientClose} from "../../routes/abortOnClientClose.js";
import {openEventStream} from "../../routes/openEventStream.js";
import {withWireParams} from "../../withWireParams.js";
import {renameChatParam} from "../renameChatParam.js";
import {responseIdentity} from "../responseIdentity.js";
import {toFinishReason} from "../toFinishReason.js";
import {toOpenAiUsage} from "../toOpenAiUsage.js";
import {toChatGenerationRequest} from "./toChatGenerationRequest.js";

type StreamChoice = CreateChatCompletionStreamResponse["choices"][number];

/** `POST /v1/chat/completions`: the OpenAI Chat Completions adapter over the engine, whole or streamed. */
export async function createChatCompletion(engine: ServerEngine, body: CreateChatCompletionRequest, reply: FastifyReply, lifetime: ServerLifetime) {
    engine.assertModel(body.model);
    const request = toChatGenerationRequest(body);
    const signal = abortOnClientClose(reply, lifetime.signal);
    const identity = responseIdentity(engine, "chatcmpl");
    const generate = (options: Parameters<ServerEngine["generate"]>[1]) =>
        withWireParams(() => engine.generate(request, {signal, ...options}), renameChatParam);

    if (body.stream !== true) {
        const result = await generate({});
        const response: CreateChatCompletionResponse = {
            ...identity,
            object: "chat.completion",
            choices: [{
                index: 0,
                message: {
                    role: "assistant",
                    content: result.toolCalls.length > 0 && result.text === "" ? null : result.text,
                    refusal: null,
                    ...(result.toolCalls.length > 0 ? {tool_calls: toToolCalls(result)} : {})
                },
                logprobs: null,
                finish_reason: toFinishReason(result.finishReason)
            }],
            usage: toOpenAiUsage(result.usage)
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
    const delta = (value: StreamChoice["delta"], finishReason: StreamChoice["finish_reason"] = null): StreamChoice =>
        ({index: 0, delta: value, logprobs: null, finish_reason: finishReason});

    const stream = await openEventStream(reply, signal, lifetime, async (events, onStart) => {
        let toolCallIndex = 0;
        const result = await generate({
            onStart() {
                onStart();
                events.send(chunk([delta({role: "assistant", content: ""})]));
            },
            onEvent(event) {
                if (event.type === "text") events.send(chunk([delta({content: event.text})]));
                else events.send(chunk([delta({tool_calls: [{
                    index: toolCallIndex++, id: event.call.id, type: "function", function: {name: event.call.name, arguments: event.call.arguments}
                }]})]));
            }
        });
        events.send(chunk([delta({}, toFinishReason(result.finishReason))]));
        if (includeUsage) events.send(chunk([], toOpenAiUsage(result.usage)));
    });
    return {status: 200 as const, body: stream};
}

function toToolCalls(result: Generation) {
    return result.toolCalls.map((call) => ({id: call.id, type: "function" as const, function: {name: call.name, arguments: call.arguments}}));
}
