import {randomBytes} from "node:crypto";
import type {FastifyReply} from "fastify";
import type {CreateResponseRequest, ResponseInputItem, ResponseObject} from "../../../../contract/index.js";
import type {Generation} from "../../../engine/generation/Generation.js";
import type {ServerEngine} from "../../ServerEngine.js";
import type {ServerLifetime} from "../../ServerLifetime.js";
import {abortOnClientClose} from "../../routes/abortOnClientClose.js";
import {openEventStream} from "../../routes/openEventStream.js";
import {withWireParams} from "../../withWireParams.js";
import {responseParamNames} from "./responseParamNames.js";
import {ResponseOutput, type UnsequencedEvent} from "./ResponseOutput.js";
import {toInputItems, toResponseGenerationRequest} from "./toResponseGenerationRequest.js";
import type {StoredResponse, StoredResponses} from "./StoredResponses.js";
import {ApiError} from "../../ApiError.js";
import {isMessageItem} from "./isMessageItem.js";

/** `POST /v1/responses`: the OpenAI Responses adapter over the engine, whole or streamed as typed events. */
export async function createResponse(
    getEngine: () => ServerEngine, body: CreateResponseRequest, reply: FastifyReply, lifetime: ServerLifetime, storage: StoredResponses | null
) {
    const earlier = body.previous_response_id == null ? [] : earlierItems(storage, body.previous_response_id);
    const request = toResponseGenerationRequest(body, earlier);
    const engine = getEngine();
    engine.assertModel(body.model);
    const signal = abortOnClientClose(reply, lifetime.signal);
    const snapshot = responseSnapshot(body, engine.info.id);
    const includeReasoningText = body.include?.includes("reasoning.encrypted_content") === true;
    // Stored before it is sent, in one committed write: an answer a client got is never lost
    const keep = (response: ResponseObject) => {
        if (storage != null && body.store !== false)
            storage.put({response, input: withItemIds(toInputItems(body.input)), previousResponseId: body.previous_response_id ?? null});
        return response;
    };
    const generate = (options: Parameters<ServerEngine["generate"]>[1]) =>
        withWireParams(() => engine.generate(request, {signal, ...options}), responseParamNames);

    if (body.stream !== true) {
        const output = new ResponseOutput({includeReasoningText});
        const result = await generate({onEvent: (event) => output.onEvent(event)});
        output.finish(result.choices[0]!);
        return {status: 200 as const, body: keep(finished(snapshot, output, result))};
    }

    let sequence = 0;
    const stream = await openEventStream(reply, signal, lifetime, async (events, onStart) => {
        const send = (event: UnsequencedEvent) => events.send({...event, sequence_number: sequence++});
        const output = new ResponseOutput({emit: send, includeReasoningText});
        const result = await generate({
            onStart() {
                onStart();
                send({type: "response.created", response: snapshot});
                send({type: "response.in_progress", response: snapshot});
            },
            onEvent: (event) => output.onEvent(event)
        });
        output.finish(result.choices[0]!);
        const response = keep(finished(snapshot, output, result));
        send(response.status === "incomplete" ? {type: "response.incomplete", response} : {type: "response.completed", response});
    }, {
        framing: "event",
        errorEvent: (apiError) => ({type: "error", code: apiError.code, message: apiError.message, param: apiError.param, sequence_number: sequence++})
    });
    return {status: 200 as const, body: stream};
}

/** The response as it stands before any output: what `response.created` carries, and what the answer completes. */
function responseSnapshot(body: CreateResponseRequest, model: string): ResponseObject {
    return {
        id: `resp_${randomBytes(16).toString("hex")}`,
        object: "response",
        created_at: Math.floor(Date.now() / 1000),
        completed_at: null,
        status: "in_progress",
        error: null,
        incomplete_details: null,
        instructions: body.instructions ?? null,
        max_output_tokens: body.max_output_tokens ?? null,
        model,
        output: [],
        parallel_tool_calls: body.parallel_tool_calls ?? true,
        previous_response_id: body.previous_response_id ?? null,
        reasoning: {effort: body.reasoning?.effort ?? null, summary: null},
        store: body.store ?? true,
        temperature: body.temperature ?? 1,
        text: {format: body.text?.format ?? {type: "text"}},
        tool_choice: body.tool_choice ?? "auto",
        tools: (body.tools ?? []).map((tool) => tool as ResponseObject["tools"][number]),
        top_p: body.top_p ?? 1,
        truncation: "disabled",
        ...(body.user != null ? {user: body.user} : {}),
        metadata: body.metadata ?? {}
    };
}

function finished(snapshot: ResponseObject, output: ResponseOutput, result: Generation): ResponseObject {
    const incomplete = result.choices[0]!.finishReason === "length";
    const {promptTokens, completionTokens, reasoningTokens = 0, cachedPromptTokens = 0} = result.usage;
    return {
        ...snapshot,
        status: incomplete ? "incomplete" : "completed",
        completed_at: Math.floor(Date.now() / 1000),
        incomplete_details: incomplete ? {reason: "max_output_tokens"} : null,
        output: [...output.items],
        usage: {
            input_tokens: promptTokens,
            input_tokens_details: {cached_tokens: cachedPromptTokens, cache_write_tokens: 0},
            output_tokens: completionTokens,
            output_tokens_details: {reasoning_tokens: reasoningTokens},
            total_tokens: promptTokens + completionTokens
        }
    };
}

/** The conversation up to and including a stored response: each earlier request's input, then its output, oldest first. */
function earlierItems(storage: StoredResponses | null, id: string): ResponseInputItem[] {
    const turns: ResponseInputItem[][] = [];
    for (let next: string | null = id, depth = 0; next != null && depth < 10_000; depth++) {
        const stored: StoredResponse | null = storage?.get(next) ?? null;
        if (stored == null) {
            // An ancestor gone (deleted or aged out) ends the conversation there; the response named must exist
            if (next === id) throw new ApiError("response_not_found", `No stored response has the id '${id}' (it may have been stored with store: false, deleted, or aged out).`, "previous_response_id");
            break;
        }
        turns.unshift([...stored.input, ...stored.response.output.map((item) => item as ResponseInputItem)]);
        next = stored.previousResponseId;
    }
    return turns.flat();
}

/** Input items as `input_items` lists them: each with an id (`msg_…` for messages, `fc_…`/`fco_…` for calls and results). */
function withItemIds(items: readonly ResponseInputItem[]): ResponseInputItem[] {
    const prefix = (item: ResponseInputItem) => isMessageItem(item) ? "msg"
        : item.type === "function_call" ? "fc" : item.type === "function_call_output" ? "fco" : "rs";
    return items.map((item) => item.id != null ? item : {...item, id: `${prefix(item)}_${randomBytes(12).toString("base64url")}`} as ResponseInputItem);
}
