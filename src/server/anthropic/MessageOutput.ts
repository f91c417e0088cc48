import {createHash} from "node:crypto";
import type {AnthropicContentBlock, AnthropicMessageStreamEvent} from "../../../contract/index.js";
import type {GenerationEvent} from "../../engine/generation/GenerationEvent.js";

type Emit = (event: AnthropicMessageStreamEvent) => void;

type OpenBlock =
    | {type: "thinking" | "text", index: number, text: string}
    | {type: "tool_use", index: number, id: string, name: string, json: string};

/**
 * The content blocks of one answer, built from the engine's events in the order they come — thinking, then text,
 * then each tool call — each block opened (`content_block_start`) when its first event arrives and closed
 * (`content_block_stop`) when the next one opens or the answer ends. `emit` gets the stream's events; without a
 * stream the same blocks are built and only the finished list is used.
 */
export class MessageOutput {
    readonly #emit: Emit;
    readonly #blocks: AnthropicContentBlock[] = [];
    #open: OpenBlock | null = null;

    constructor(emit: Emit = () => {}) {
        this.#emit = emit;
    }

    get content(): readonly AnthropicContentBlock[] {
        return this.#blocks;
    }

    onEvent(event: GenerationEvent) {
        if (event.type === "reasoning") this.#appendText("thinking", event.text);
        else if (event.type === "text") this.#appendText("text", event.text);
        else if (event.type === "toolCallStart") {
            this.#close();
            this.#open = {type: "tool_use", index: this.#blocks.length, id: toToolUseId(event.id), name: event.name, json: ""};
            this.#emit({type: "content_block_start", index: this.#open.index, content_block: this.#block(this.#open, false)});
        } else if (this.#open?.type === "tool_use") {
            this.#open.json += event.text;
            this.#emit({type: "content_block_delta", index: this.#open.index, delta: {type: "input_json_delta", partial_json: event.text}});
        }
    }

    /** Closes the last block; an answer of nothing at all gets one empty text block, as clients read `content[0]`. */
    finish() {
        if (this.#blocks.length === 0 && this.#open == null) this.#appendText("text", "", true);
        this.#close();
    }

    #appendText(type: "thinking" | "text", text: string, evenEmpty = false) {
        // An empty piece opens nothing: a block starts with its first text (or, for an answer of nothing, at the end)
        if (text === "" && !evenEmpty) return;
        if (this.#open?.type !== type) {
            this.#close();
            this.#open = {type, index: this.#blocks.length, text: ""};
            this.#emit({type: "content_block_start", index: this.#open.index, content_block: this.#block(this.#open, false)});
        }
        const open = this.#open as Extract<OpenBlock, {type: "thinking" | "text"}>;
        if (text === "") return;
        open.text += text;
        this.#emit({
            type: "content_block_delta",
            index: open.index,
            delta: type === "text" ? {type: "text_delta", text} : {type: "thinking_delta", thinking: text}
        });
    }

    #close() {
        const open = this.#open;
        if (open == null) return;
        this.#open = null;
        const block = this.#block(open, true);
        if (block.type === "thinking")
            this.#emit({type: "content_block_delta", index: open.index, delta: {type: "signature_delta", signature: block.signature}});
        this.#emit({type: "content_block_stop", index: open.index});
        this.#blocks.push(block);
    }

    /** The block as it starts (empty) or as it ends. */
    #block(open: OpenBlock, finished: boolean): AnthropicContentBlock {
        if (open.type === "tool_use")
            return {type: "tool_use", id: open.id, name: open.name, input: finished ? toInput(open.json) : {}, caller: {type: "direct"}};
        if (open.type === "text") return {type: "text", text: finished ? open.text : "", citations: null};
        return {type: "thinking", thinking: finished ? open.text : "", signature: finished ? signature(open.text) : ""};
    }
}

/** The engine's call ids (`call_…`) in Anthropic's form (`toolu_…`); a client sends them back as `tool_use_id`. */
function toToolUseId(id: string) {
    return id.startsWith("call_") ? `toolu_${id.slice("call_".length)}` : id;
}

/** A call's arguments as `input`, an object: grammar-written JSON, so only a call with no arguments at all is empty. */
function toInput(json: string): Record<string, unknown> {
    return json.trim() === "" ? {} : JSON.parse(json) as Record<string, unknown>;
}

/**
 * Anthropic signs thinking so it can tell it was its own when sent back; nothing here depends on that (earlier
 * thinking isn't rendered), so the signature is the text's digest: stable and opaque, as clients expect.
 */
function signature(thinking: string) {
    return createHash("sha256").update(thinking).digest("base64");
}
