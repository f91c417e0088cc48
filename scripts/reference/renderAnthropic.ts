import {errorCatalogue, type ErrorCode} from "../../src/server/errorCatalogue.js";
import {code, table} from "./markdown.js";

/**
 * "Anthropic's Messages API": how to point an Anthropic client at the server and what differs from Anthropic's service;
 * each statement is checked in test/server/anthropic/messages.test.ts or test/docs/conformance.test.ts.
 */
export function renderAnthropic(server: string) {
    const entries = Object.entries(errorCatalogue) as [ErrorCode, (typeof errorCatalogue)[ErrorCode]][];
    const byType = new Map<string, Set<number>>();
    for (const [, entry] of entries) byType.set(entry.anthropicType, (byType.get(entry.anthropicType) ?? new Set()).add(entry.status));
    return [
        "## Anthropic's Messages API",
        "Clients written for Anthropic's API (its SDKs, coding agents, frameworks' Anthropic providers) use the local model " +
        "through `POST /v1/messages` and `POST /v1/messages/count_tokens`:",
        [
            `- **Base URL without \`/v1\`:** Anthropic's clients add it themselves, so give them \`${server}\` ` +
            `(for tools that read it, \`ANTHROPIC_BASE_URL=${server}\`).`,
            "- **The same key, as `x-api-key`** (Anthropic's header; `Authorization: Bearer` works too, on every route). " +
            "`anthropic-version` and `anthropic-beta` are accepted; any version is answered the same way.",
            "- **`model`:** Anthropic's SDKs require one; give the loaded model's id (`GET /v1/models` lists it, in Anthropic's shape " +
            "when the request carries `anthropic-version`). Any other id is a `404` `not_found_error` naming the loaded model.",
            "- **Errors are Anthropic's error object** on these routes (and on `/v1/models` asked with `anthropic-version`), with the " +
            "same statuses as everywhere else, so the SDKs raise their typed errors (`AuthenticationError`, `BadRequestError`, …)."
        ].join("\n"),
        "What differs from Anthropic's service, because a local model is not it:",
        [
            "- **Text only.** `image` and `document` blocks (also inside a `tool_result`) are a `400` naming the block: the model reads text.",
            "- **Custom tools only.** Anthropic's server tools (`web_search_…`, `web_fetch_…`, `code_execution_…`, `tool_search_…`) " +
            "are a `400`: nothing leaves the machine. Its client tools with built-in schemas (`bash_…`, `text_editor_…`, " +
            "`computer_…`, `memory_…`) too: describe them as custom tools (`name`, `description`, `input_schema`). `mcp_servers` " +
            "and `container` are refused the same way.",
            "- **Tools are enforced.** `input_schema` goes through the same grammar compiler as structured output; `tool_choice` " +
            "`any` and `tool` start the answer inside a call (in the model's own call syntax where it has one), `none` forbids " +
            "calls, and `disable_parallel_tool_use` stops after the first. A `tool_result` with `is_error: true` reaches the " +
            "model as `Error: <content>`.",
            "- **Thinking.** A thinking model's thought is a `thinking` block (streamed as `thinking_delta`), never in the text. " +
            "`thinking: {type: \"enabled\", budget_tokens}` bounds it; `disabled` switches it off where the template can (Qwen 3); " +
            "`output_config.effort` sets gpt-oss's reasoning effort. Models that don't reason ignore all three. The " +
            "`signature` is a digest of the text: earlier thinking sent back is accepted and dropped, as templates drop it.",
            "- **Structured output.** `output_config.format` `json_schema` makes the text JSON matching the schema.",
            "- **Caching is automatic.** `cache_control` is accepted on any block and ignored: the server keeps each " +
            "conversation's evaluated prefix on its sequences anyway. `cache_creation_input_tokens` and " +
            "`cache_read_input_tokens` are 0; `input_tokens` is the whole prompt.",
            "- **Sampling.** `temperature` (0–1), `top_p`, `top_k` and `stop_sequences` (up to 16) are applied; `stop_reason` is " +
            "`end_turn`, `max_tokens`, `stop_sequence` (with `stop_sequence` set) or `tool_use`. `max_tokens` beyond the context is " +
            "capped to the room left.",
            "- **Streams** are Anthropic's events in its framing (`event:` and `data:` lines), with a `ping` after `message_start` " +
            "and whenever the stream has been quiet for 5 seconds (a long prompt or thought). A failure after the start ends the " +
            "stream with an `error` event.",
            "- **`count_tokens`** counts exactly what `POST /v1/messages` reads for the same system prompt, tools and messages " +
            "(the model's template included), without generating."
        ].join("\n"),
        "### Anthropic error types",
        table(["`error.type`", "Statuses"], [...byType].map(([type, statuses]) => [code(type), [...statuses].sort().map((status) => code(String(status))).join(", ")]))
    ].join("\n\n");
}
