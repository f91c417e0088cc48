import type {ToolCall} from "./GenerationRequest.js";
import type {TokenLogprob} from "./TokenLogprob.js";

/** What a generation reports while it runs, in order per choice (`choice` is its index); the `Generation` sums them up. */
export type GenerationEvent =
    | {type: "text", choice: number, text: string, logprobs?: TokenLogprob[]}
    | {type: "reasoning", choice: number, text: string}
    | {type: "toolCall", choice: number, call: ToolCall};
