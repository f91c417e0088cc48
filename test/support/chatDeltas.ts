import type {CreateChatCompletionStreamResponse} from "../../contract/index.js";

type Chunk = CreateChatCompletionStreamResponse;

/** One text field of every streamed chat delta (all choices), joined: the text a client would show. */
export function streamedText(chunks: readonly Chunk[], field: "content" | "reasoning_content" = "content"): string {
    return chunks.flatMap((chunk) => chunk.choices.map((choice) => (choice.delta as Record<string, unknown>)[field] ?? "")).join("");
}

/** Every `delta.tool_calls` fragment of a streamed chat answer, in order. */
export function streamedToolCalls(chunks: readonly Chunk[]) {
    return chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
}
