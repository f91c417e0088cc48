import {randomBytes} from "node:crypto";
import type {FastifyReply} from "fastify";
import type {AnthropicMessage, AnthropicMessageStreamEvent, CreateMessageRequest} from "../../../contract/index.js";
import type {Generation, GenerationChoice} from "../../engine/generation/Generation.js";
import type {ServerEngine} from "../ServerEngine.js";
import type {ServerLifetime} from "../ServerLifetime.js";
import {abortOnClientClose} from "../routes/abortOnClientClose.js";
import {openEventStream} from "../routes/openEventStream.js";
import {QuietTimer} from "../routes/QuietTimer.js";
import {withWireParams} from "../withWireParams.js";
import {MessageOutput} from "./MessageOutput.js";
import {messageParamNames} from "./messageParamNames.js";
import {toMessageGenerationRequest} from "./toMessageGenerationRequest.js";

/** `POST /v1/messages`: the Anthropic Messages adapter over the engine, whole or streamed as Anthropic's events. */
export async function createMessage(
    getEngine: () => ServerEngine,
    body: CreateMessageRequest,
    reply: FastifyReply,
    lifetime: ServerLifetime,
    {pingIntervalMs}: {pingIntervalMs: number}
) {
    const request = toMessageGenerationRequest(body);
    const engine = getEngine();
    engine.assertModel(body.model);
    const signal = abortOnClientClose(reply, lifetime.signal);
    const id = `msg_${randomBytes(18).toString("base64url")}`;
    const message = (content: readonly AnthropicMessage["content"][number][], result: Generation | null, promptTokens: number): AnthropicMessage => ({
        id, type: "message", role: "assistant", content: [...content], model: engine.info.id,
        stop_reason: result == null ? null : toStopReason(result.choices[0]!),
        stop_sequence: result?.choices[0]!.stopSequence ?? null,
        stop_details: null, container: null, diagnostics: null,
        usage: toUsage(promptTokens, result)
    });
    const generate = (options: Parameters<ServerEngine["generate"]>[1]) =>
        withWireParams(() => engine.generate(request, {signal, ...options}), messageParamNames);

    if (body.stream !== true) {
        const output = new MessageOutput();
        const result = await generate({onEvent: (event) => output.onEvent(event)});
        output.finish();
        return {status: 200 as const, body: message(output.content, result, result.usage.promptTokens)};
    }

    const stream = await openEventStream(reply, signal, lifetime, async (events, onStart) => {
        const quiet = new QuietTimer(pingIntervalMs, () => events.send({type: "ping"} satisfies AnthropicMessageStreamEvent));
        const send = (event: AnthropicMessageStreamEvent) => {
            quiet.touch();
            events.send(event);
        };
        const output = new MessageOutput(send);
        try {
            const result = await generate({
                onStart({promptTokens}) {
                    onStart();
                    send({type: "message_start", message: message([], null, promptTokens)});
                    // As Anthropic's stream does: a ping right after the start, then one whenever it has been quiet a while
                    send({type: "ping"});
                    quiet.start();
                },
                onEvent: (event) => output.onEvent(event)
            });
            output.finish();
            const usage = toUsage(result.usage.promptTokens, result);
            const choice = result.choices[0]!;
            send({
                type: "message_delta",
                delta: {stop_reason: toStopReason(choice), stop_sequence: choice.stopSequence ?? null, stop_details: null, container: null},
                usage: {
                    input_tokens: usage.input_tokens, output_tokens: usage.output_tokens, output_tokens_details: usage.output_tokens_details,
                    cache_creation_input_tokens: 0, cache_read_input_tokens: 0, server_tool_use: null
                }
            });
            send({type: "message_stop"});
        } finally {
            quiet.stop();
        }
    }, {
        framing: "event",
        errorEvent: (apiError) => ({type: "error", error: apiError.toAnthropicBody().error} satisfies AnthropicMessageStreamEvent)
    });
    return {status: 200 as const, body: stream};
}

function toStopReason(choice: GenerationChoice): NonNullable<AnthropicMessage["stop_reason"]> {
    if (choice.finishReason === "toolCalls") return "tool_use";
    if (choice.finishReason === "length") return "max_tokens";
    return choice.stopSequence != null ? "stop_sequence" : "end_turn";
}

/** Usage as Anthropic counts it; nothing is billed or cached on Anthropic's side, so its cache fields are 0. */
function toUsage(promptTokens: number, result: Generation | null): AnthropicMessage["usage"] {
    return {
        input_tokens: promptTokens,
        output_tokens: result?.usage.completionTokens ?? 0,
        output_tokens_details: {thinking_tokens: result?.usage.reasoningTokens ?? 0},
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: null,
        server_tool_use: null,
        service_tier: "standard",
        inference_geo: null,
        speed: null
    };
}
