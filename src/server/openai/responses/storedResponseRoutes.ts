import type {ResponseInputItem, ResponseInputItemResource} from "../../../../contract/index.js";
import {ApiError} from "../../ApiError.js";
import type {StoredResponse, StoredResponses} from "./StoredResponses.js";
import {textContent} from "../../textContent.js";
import {isMessageItem, responseTextTypes} from "./isMessageItem.js";

/** `GET`, `DELETE` and `GET …/input_items` of `/v1/responses/{id}`, over the stored responses (none: every id is a 404). */
export function storedResponseRoutes(storage: StoredResponses | null) {
    const find = (id: string): StoredResponse => {
        const stored = storage?.get(id) ?? null;
        if (stored == null) throw new ApiError("response_not_found", `No stored response has the id '${id}'.`, "response_id");
        return stored;
    };
    return {
        retrieve: (id: string) => find(id).response,
        delete(id: string) {
            find(id);
            storage!.delete(id);
            return {id, object: "response" as const, deleted: true as const};
        },
        inputItems(id: string, {limit = 20, order = "desc", after}: {limit?: number, order?: "asc" | "desc", after?: string}) {
            const items = find(id).input.map(toResource);
            if (order === "desc") items.reverse();
            const start = after == null ? 0 : items.findIndex((item) => item.id === after) + 1;
            if (after != null && start === 0) throw new ApiError("invalid_value", `No input item of this response has the id '${after}'.`, "after");
            const data = items.slice(start, start + limit);
            return {object: "list" as const, data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < items.length};
        }
    };
}

/** A stored input item as OpenAI lists it: messages' content as parts, every item `completed`. */
function toResource(item: ResponseInputItem): ResponseInputItemResource {
    const id = item.id!;
    if (isMessageItem(item)) {
        const content = typeof item.content === "string"
            ? [{type: item.role === "assistant" ? "output_text" as const : "input_text" as const, text: item.content}]
            : item.content.filter((part): part is {type: "input_text" | "output_text", text: string} => "text" in part).map(({type, text}) => ({type, text}));
        return {type: "message", id, role: item.role, content, status: "completed"};
    }
    if (item.type === "function_call")
        return {type: "function_call", id, call_id: item.call_id, name: item.name, arguments: item.arguments, status: "completed"};
    if (item.type === "function_call_output") {
        return {type: "function_call_output", id, call_id: item.call_id, output: textContent(item.output, responseTextTypes, "output"), status: "completed"};
    }
    const reasoning = item as Extract<ResponseInputItem, {type: "reasoning"}>;
    return {type: "reasoning", id, summary: reasoning.summary ?? [], ...(reasoning.content != null ? {content: reasoning.content} : {})};
}
