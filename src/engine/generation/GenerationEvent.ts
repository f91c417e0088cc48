import type {ToolCall} from "./GenerationRequest.js";

/** What a generation reports while it runs, in order; the finished `Generation` sums them up. */
export type GenerationEvent =
    | {type: "text", text: string}
    | {type: "toolCall", call: ToolCall};
