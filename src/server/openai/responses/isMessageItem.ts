import type {ResponseInputItem} from "../../../../contract/index.js";

export type MessageItem = Extract<ResponseInputItem, {role: string}>;

/** A message item: its `type` is `message`, or absent (the short form clients send). */
export function isMessageItem(item: ResponseInputItem): item is MessageItem {
    return !("type" in item) || item.type == null || item.type === "message";
}

/** The part types a Responses message or function output carries text in. */
export const responseTextTypes: readonly string[] = ["input_text", "output_text"];
