import {ApiError} from "./ApiError.js";

type Part = {readonly type: string, readonly text?: unknown};

/**
 * A message's content as the engine takes it: a string as it is, a list of parts as their texts joined by line
 * breaks. A part of any type but `textTypes` (an image, audio, a file) is a 400 naming it: `<param>[i].type`.
 */
export function textContent(content: string | readonly Part[], textTypes: readonly string[], param: string): string {
    if (typeof content === "string") return content;
    return content.map((part, index) => {
        if (textTypes.includes(part.type) && typeof part.text === "string") return part.text;
        throw new ApiError("unsupported_parameter", `${param}[${index}] is of type "${part.type}"; this model only reads text.`, `${param}[${index}].type`);
    }).join("\n");
}
