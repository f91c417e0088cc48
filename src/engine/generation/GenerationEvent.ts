import type {TokenLogprob} from "./TokenLogprob.js";

/**
 * What a generation reports while it runs, in order per choice (`choice` is its index); the `Generation` sums them up.
 * A tool call is its start (the `index`-th call of the choice, with its id and name), then its arguments' text in
 * pieces, which join to the call's `arguments`.
 */
export type GenerationEvent =
    | {type: "text", choice: number, text: string, logprobs?: TokenLogprob[]}
    | {type: "reasoning", choice: number, text: string}
    | {type: "toolCallStart", choice: number, index: number, id: string, name: string}
    | {type: "toolCallArguments", choice: number, index: number, text: string};
