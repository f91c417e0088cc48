/**
 * A prompt or embedding input in any form OpenAI accepts (text, texts, tokens, token lists) → one entry per item:
 * a single token list is one item, not many.
 */
export function toInputList(input: string | readonly string[] | readonly number[] | readonly (readonly number[])[]): (string | number[])[] {
    if (typeof input === "string") return [input];
    if (input.every((item): item is number => typeof item === "number")) return [[...input]];
    return input as (string | number[])[];
}
