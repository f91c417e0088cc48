import type {ReferenceContext} from "./ReferenceContext.js";
import {collectFields} from "./collectFields.js";
import {code, table} from "./markdown.js";
import {parseDescription} from "./parseDescription.js";
import {refName} from "./schemaUtils.js";

/**
 * "Differences from OpenAI": what a client written for OpenAI should know. The parameter table is generated from
 * the contract's descriptions; the list states behaviour the tests in `test/docs/conformance.test.ts` check.
 */
export function renderDifferences(context: ReferenceContext) {
    const rows: string[][] = [];
    for (const [path, methods] of Object.entries(context.document.paths))
        for (const operation of Object.values(methods)) {
            const ref = operation.requestBody?.content["application/json"]?.schema.$ref;
            if (ref == null) continue;
            for (const field of collectFields(context.schema(refName(ref)), {components: context.document.components.schemas, followRefs: false})) {
                const parsed = parseDescription(field.schema.description);
                if (parsed.support === "yes") continue;
                const support = parsed.support === "limited" ? `Only ${parsed.onlyValue}` : parsed.support === "no" ? "No" : parsed.support === "ignored" ? "Ignored" : "Partly";
                rows.push([code(path), code(field.name), support, parsed.text]);
            }
        }

    return [
        "## Differences from OpenAI",
        "Responses have OpenAI's shapes: the test suite validates the server's real answers (models, chat completions and every " +
        "stream chunk, completions and their events, embeddings as floats and base64, responses and every typed event, errors) " +
        "against OpenAI's official OpenAPI " +
        "schema. Where the behaviour differs, it is because a local model is not OpenAI's service:",
        [
            "- **One model.** The server answers with the model loaded in the app. `model` may be omitted; any other id is a `404` " +
            "`model_not_found` whose message names the loaded model. The id is the GGUF file name without `.gguf`, `owned_by` is " +
            "`\"local\"` and `created` is the file's modification time.",
            "- **A `meta` extension on models.** `GET /v1/models` and `GET /v1/models/{model}` add a `meta` object (backend, context " +
            "length, parameter count, size, chat template). OpenAI clients ignore unknown fields.",
            "- **Several choices run at once.** `n` (up to 16) generates the choices concurrently on separate sequences that " +
            "share the prompt's evaluated state (read once). With `seed`, choice i uses `seed + i`. `best_of` may only equal `n`.",
            "- **Log probabilities of the sampling distribution.** `logprobs` (chat: with `top_logprobs` 0–20; completions: 0–5) " +
            "reports each answer token's log-probability under the distribution it was sampled from: the model's own at " +
            "`temperature` 0, otherwise after temperature, top-k/top-p, penalties and the grammar. A stop sequence's withheld " +
            "tokens and tool-call JSON carry none; `bytes` are the UTF-8 bytes of the token's text.",
            "- **Text only.** Image, audio and file content parts, `audio` and the `audio` modality are a `400` " +
            "`unsupported_parameter` naming the part.",
            "- **Tools.** With `tool_choice` `auto` the model calls in its own template's syntax (Qwen `<tool_call>`, Llama 3.1 " +
            "`<function=…>`, DeepSeek, Mistral `[TOOL_CALLS]`, gpt-oss's commentary channel; others a generic one — `/v1/models` " +
            "says which), several per turn " +
            "where that syntax allows (`parallel_tool_calls: false` stops after one). `required` and a named function start the " +
            "answer inside a call in that same syntax (a generic JSON call under the grammar where there is none), checked " +
            "against the full schema. `arguments` is the text the model wrote, " +
            "streamed in fragments after a first delta with `index`, `id` and `name`. `usage` counts a call's tokens as the " +
            "template writes it. The deprecated `functions` and `function_call` are a `400` pointing to `tools` and `tool_choice`.",
            "- **Reasoning.** A thinking model's thought (Qwen 3 and DeepSeek `<think>`, gpt-oss's `analysis` channel) is " +
            "`reasoning_content`, in the message and streamed deltas, trimmed, never in `content`; `usage` counts it. " +
            "`reasoning_effort` works through the template's own switch: `none`/`minimal` (or `chat_template_kwargs." +
            "enable_thinking: false`) switch Qwen 3's thinking off, gpt-oss takes `low`/`medium`/`high`; elsewhere it is " +
            "accepted and changes nothing. An earlier turn's `reasoning_content` sent back is accepted.",
            "- **Responses API.** Stored responses live in the app's data dir (SQLite, `responses.sqlite`, mode 0600): " +
            "`previous_response_id` continues them across restarts, for 30 days or the newest 10 000. `background` and " +
            "`conversation` are a `400`. OpenAI's hosted tools (web search, file search, code interpreter, computer use, MCP, " +
            "image generation) are a `400` naming the tool's type: nothing leaves the machine. A thinking model's thought is a " +
            "`reasoning` item with its text in `content` (`reasoning_text`) and an empty `summary`; with `include: " +
            "[\"reasoning.encrypted_content\"]` (Codex-style clients send it) its `encrypted_content` is that text, not " +
            "encrypted, since nothing leaves the machine. `seed` is taken, as on chat. " +
            "`usage.input_tokens_details.cached_tokens` counts the prompt the engine still held (no cache writes are billed). Hitting `max_output_tokens` makes the response `incomplete` " +
            "(`response.incomplete` when streamed), as OpenAI does.",
            "- **Structured output is always strict.** `json_object` and `json_schema` are enforced by a grammar and a check " +
            "after generation (see [Structured output: what is enforced](#structured-output-what-is-enforced)), so the text " +
            "always parses, even when `max_tokens` cuts it short (check `finish_reason`).",
            "- **Exact, local token counts.** `usage` counts the model's own tokens; `system_fingerprint` names the backend " +
            "(`fp_tholos_cpu`…), so seeded answers compare across runs on the same machine.",
            "- **Embeddings** are the loaded model's, mean-pooled; `dimensions` can't change their size; " +
            "`base64` is the little-endian float32 bytes, as OpenAI's.",
            "- **Unknown fields are ignored**, so a request written for OpenAI isn't refused for a field this server doesn't " +
            "know. `store`, `metadata` and `user` are accepted and ignored: nothing is stored.",
            "- **Other endpoints** (Assistants, images, audio, files, fine-tuning, moderations…) don't exist: `404` " +
            "`not_found`.",
            "- **Local only.** Plain HTTP on `127.0.0.1`; a request whose `Host` header isn't `127.0.0.1:<port>` or " +
            "`localhost:<port>` is refused with `403` `host_not_allowed`. No CORS headers are sent unless you allow an origin " +
            "(`tholos origins add http://localhost:3000`, or Settings → Browser access): an exact `scheme://host[:port]`, no " +
            "wildcards, never `null`. A page on an allowed origin gets its preflight answered without the key (`204`, methods " +
            "`GET, POST, DELETE, OPTIONS`, headers `authorization, content-type, x-api-key, anthropic-version, anthropic-beta`) " +
            "and `Access-Control-Allow-Origin` on every answer, errors and streams included, with `Retry-After` exposed; its " +
            "requests still need the key. When every sequence is busy and the queue is full the " +
            "answer is `429` `queue_full` with `Retry-After`, and while no model is loaded `503` `model_not_loaded`."
        ].join("\n"),
        "### Parameters with limits",
        "Generated from the parameter descriptions in `openapi.json`:",
        table(["Endpoint", "Parameter", "Supported", "What happens"], rows)
    ].join("\n\n");
}
