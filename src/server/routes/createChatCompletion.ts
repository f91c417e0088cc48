import type {FastifyReply} from "fastify";
import type {CreateChatCompletionRequest, CreateChatCompletionResponse, CreateChatCompletionStreamResponse} from "../../../contract/index.js";
import type {ServerEngine} from "../ServerEngine.js";
import type {ServerLifetime} from "../ServerLifetime.js";
import {abortOnClientClose} from "./abortOnClientClose.js";
import {openEventStream} from "./openEventStream.js";
import {responseIdentity} from "./responseIdentity.js";

type StreamChoice = CreateChatCompletionStreamResponse["choices"][number];

export async function createChatCompletion(engine: ServerEngine, body: CreateChatCompletionRequest, reply: FastifyReply, lifetime: ServerLifetime) {
    const signal = abortOnClientClose(reply, lifetime.signal);
    const identity = responseIdentity(engine, "chatcmpl");

    if (body.stream !== true) {
        const result = await engine.chat(body, {signal});
        const response: CreateChatCompletionResponse = {
            ...identity,
            object: "chat.completion",
            choices: [{
                index: 0,
                message: {
                    role: "assistant",
                    content: result.toolCalls != null && result.text === "" ? null : result.text,
                    refusal: null,
                    ...(result.toolCalls != null ? {tool_calls: result.toolCalls} : {})
                },
                logprobs: null,
                finish_reason: result.finishReason
            }],
            usage: result.usage
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
        const result = await engine.chat(body, {
            signal,
            onStart() {
                onStart();
                events.send(chunk([delta({role: "assistant", content: ""})]));
            },
            onText(text) {
                events.send(chunk([delta({content: text})]));
            }
        });
        if (result.toolCalls != null)
            events.send(chunk([delta({
                tool_calls: result.toolCalls.map((call, index) => ({index, ...call}))
            })]));
        events.send(chunk([delta({}, result.finishReason)]));
        if (includeUsage) events.send(chunk([], result.usage));
    });
    return {status: 200 as const, body: stream};
}
