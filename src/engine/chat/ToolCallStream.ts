import type {ChatModelFunctions, LlamaChatResponseFunctionCall} from "node-llama-cpp";
import type {GenerationEvent} from "../generation/GenerationEvent.js";
import type {ToolCall} from "../generation/GenerationRequest.js";
import {createToolCallId} from "./createToolCallId.js";

type ParamsChunk = {callIndex: number, functionName: string, paramsChunk: string, done: boolean};
type StreamedCall = {id: string, text: string, sent: number};

/**
 * Passes on the calls LlamaChat makes in a model's native syntax while it writes them: a call's start (id, name) with
 * its first arguments, then the arguments as they come. The arguments are the model's own text, as OpenAI's are; the
 * line breaks LlamaChat's parameters grammar ends a call with are held back until text follows them, so they never
 * reach a client.
 */
export class ToolCallStream {
    readonly #choice: number;
    readonly #onEvent: ((event: GenerationEvent) => void) | undefined;
    readonly #calls: StreamedCall[] = [];

    constructor(choice: number, onEvent: ((event: GenerationEvent) => void) | undefined) {
        this.#choice = choice;
        this.#onEvent = onEvent;
    }

    /** For LlamaChat's `onFunctionCallParamsChunk`. */
    onParamsChunk({callIndex, functionName, paramsChunk, done}: ParamsChunk) {
        const call = this.#calls[callIndex] ?? this.#start(callIndex, functionName);
        call.text += paramsChunk;
        this.#send(callIndex, call, done ? call.text.trimEnd().length : call.text.replace(/\n+$/, "").length);
    }

    /** The calls LlamaChat parsed, with the ids and arguments streamed for them; a call with no parameters is sent now. */
    finish(functionCalls: readonly LlamaChatResponseFunctionCall<ChatModelFunctions>[]): ToolCall[] {
        return functionCalls.map((parsed, index) => {
            const call = this.#calls[index] ?? this.#start(index, parsed.functionName, JSON.stringify(parsed.params ?? {}));
            const text = call.text.trimEnd();
            this.#send(index, call, text.length);
            return {id: call.id, name: parsed.functionName, arguments: text};
        });
    }

    #start(index: number, name: string, text = "") {
        const call = {id: createToolCallId(), text, sent: 0};
        this.#calls[index] = call;
        this.#onEvent?.({type: "toolCallStart", choice: this.#choice, index, id: call.id, name});
        return call;
    }

    #send(index: number, call: StreamedCall, end: number) {
        if (end <= call.sent) return;
        this.#onEvent?.({type: "toolCallArguments", choice: this.#choice, index, text: call.text.slice(call.sent, end)});
        call.sent = end;
    }
}
