import {randomBytes} from "node:crypto";

/** OpenAI-style tool call ids (`call_…`), unique per call. */
export function createToolCallId() {
    return "call_" + randomBytes(12).toString("base64url");
}
