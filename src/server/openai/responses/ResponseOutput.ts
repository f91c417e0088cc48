import {randomBytes} from "node:crypto";
import type {ResponseOutputItem, ResponseStreamEvent} from "../../../../contract/index.js";
import type {GenerationChoice} from "../../../engine/generation/Generation.js";
import type {GenerationEvent} from "../../../engine/generation/GenerationEvent.js";

/** A stream event before the stream numbers it (distributive, so each event keeps its own fields). */
export type UnsequencedEvent = ResponseStreamEvent extends infer T ? T extends unknown ? Omit<T, "sequence_number"> : never : never;
type Emit = (event: UnsequencedEvent) => void;

const itemId = (prefix: "msg" | "rs" | "fc") => `${prefix}_${randomBytes(12).toString("base64url")}`;

type OpenItem =
    | {type: "reasoning", index: number, id: string, text: string}
    | {type: "message", index: number, id: string, text: string}
    | {type: "function_call", index: number, id: string, callId: string, name: string, arguments: string};

/**
 * The output items of one answer, built from the engine's events in the order they come: reasoning, then the message,
 * then each function call, each item opened (`output_item.added`, its content part) when its first event arrives and
 * closed (`.done` events) when the next item opens or the answer ends. `emit` gets the stream's events; without a
 * stream the same items are built and only the finished list is used.
 */
export class ResponseOutput {
    readonly #emit: Emit;
    readonly #items: ResponseOutputItem[] = [];
    #open: OpenItem | null = null;

    readonly #includeReasoningText: boolean;

    /** `includeReasoningText`: reasoning items carry their text as `encrypted_content` too (`include` asked for it). */
    constructor({emit = () => {}, includeReasoningText = false}: {emit?: Emit, includeReasoningText?: boolean} = {}) {
        this.#emit = emit;
        this.#includeReasoningText = includeReasoningText;
    }

    get items(): readonly ResponseOutputItem[] {
        return this.#items;
    }

    onEvent(event: GenerationEvent) {
        if (event.type === "reasoning") this.#appendText("reasoning", event.text);
        else if (event.type === "text") this.#appendText("message", event.text);
        else if (event.type === "toolCallStart") {
            this.#close("completed");
            const index = this.#items.length;
            this.#open = {type: "function_call", index, id: itemId("fc"), callId: event.id, name: event.name, arguments: ""};
            this.#emit({type: "response.output_item.added", output_index: index, item: this.#item(this.#open, "in_progress")});
        } else if (this.#open?.type === "function_call") {
            this.#open.arguments += event.text;
            this.#emit({type: "response.function_call_arguments.delta", output_index: this.#open.index, item_id: this.#open.id, delta: event.text});
        }
    }

    /** Closes the last item, and, for an answer that streamed nothing (no text, no call), adds its empty message. */
    finish(choice: GenerationChoice) {
        if (this.#items.length === 0 && this.#open == null && choice.toolCalls.length === 0) this.#appendText("message", "", true);
        this.#close(choice.finishReason === "length" ? "incomplete" : "completed");
    }

    #appendText(type: "reasoning" | "message", text: string, evenEmpty = false) {
        // An empty piece opens nothing: an item starts with its first text (or, for an answer of nothing, at the end)
        if (text === "" && !evenEmpty) return;
        if (this.#open?.type !== type) {
            this.#close("completed");
            const index = this.#items.length;
            const open = {type, index, id: itemId(type === "message" ? "msg" : "rs"), text: ""};
            this.#open = open;
            this.#emit({type: "response.output_item.added", output_index: index, item: this.#item(open, "in_progress")});
            this.#emit({type: "response.content_part.added", output_index: index, item_id: open.id, content_index: 0, part: this.#part(type, "")});
        }
        const open = this.#open as Extract<OpenItem, {type: "reasoning" | "message"}>;
        if (text === "") return;
        open.text += text;
        this.#emit(type === "message"
            ? {type: "response.output_text.delta", output_index: open.index, item_id: open.id, content_index: 0, delta: text, logprobs: []}
            : {type: "response.reasoning_text.delta", output_index: open.index, item_id: open.id, content_index: 0, delta: text});
    }

    #close(status: "completed" | "incomplete") {
        const open = this.#open;
        if (open == null) return;
        this.#open = null;
        const at = {output_index: open.index, item_id: open.id};
        if (open.type === "function_call")
            this.#emit({type: "response.function_call_arguments.done", ...at, name: open.name, arguments: open.arguments});
        else {
            this.#emit(open.type === "message"
                ? {type: "response.output_text.done", ...at, content_index: 0, text: open.text, logprobs: []}
                : {type: "response.reasoning_text.done", ...at, content_index: 0, text: open.text});
            this.#emit({type: "response.content_part.done", ...at, content_index: 0, part: this.#part(open.type, open.text)});
        }
        const item = this.#item(open, status);
        this.#items.push(item);
        this.#emit({type: "response.output_item.done", output_index: open.index, item});
    }

    #part(type: "reasoning" | "message", text: string) {
        return type === "message"
            ? {type: "output_text" as const, text, annotations: [], logprobs: []}
            : {type: "reasoning_text" as const, text};
    }

    #item(open: OpenItem, status: "in_progress" | "completed" | "incomplete"): ResponseOutputItem {
        if (open.type === "function_call")
            return {type: "function_call", id: open.id, call_id: open.callId, name: open.name, arguments: status === "in_progress" ? "" : open.arguments, status};
        const content = status === "in_progress" ? [] : [this.#part(open.type, open.text)];
        return open.type === "message"
            ? {type: "message", id: open.id, status, role: "assistant", content: content as Extract<ResponseOutputItem, {type: "message"}>["content"]}
            : {
                type: "reasoning", id: open.id, summary: [], content: content as Extract<ResponseOutputItem, {type: "reasoning"}>["content"],
                ...(this.#includeReasoningText && status !== "in_progress" ? {encrypted_content: open.text} : {}), status
            };
    }
}
