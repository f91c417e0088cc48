import {errorCatalogue, type ErrorCode} from "../../src/server/errorCatalogue.js";
import type {ReferenceContext} from "./ReferenceContext.js";
import {errorDescriptions} from "./errorDescriptions.js";
import {errorExample} from "./errorExample.js";
import {responseFieldsTable} from "./fieldsTable.js";
import {code, codeBlock, table} from "./markdown.js";
import {renderSampleGroup} from "./renderSampleGroup.js";
import {pageSampleGroups} from "./sampleGroups.js";

/** "Errors": the error object, what each status means, and every code of `src/server/errorCatalogue.ts`. */
export function renderErrors(context: ReferenceContext) {
    const statusMeaning = new Map<string, string>();
    for (const methods of Object.values(context.document.paths))
        for (const operation of Object.values(methods))
            for (const [status, response] of Object.entries(operation.responses))
                if (status !== "200") statusMeaning.set(status, response.description);

    const entries = Object.entries(errorCatalogue) as [ErrorCode, (typeof errorCatalogue)[ErrorCode]][];
    const statuses = [...new Set(entries.map(([, entry]) => entry.status))].sort((a, b) => a - b);
    const missing = statuses.filter((status) => !statusMeaning.has(String(status)));
    if (missing.length > 0)
        throw new Error(`openapi.json describes no response with status ${missing.join(", ")}, which the error catalogue uses; add it to the contract.`);

    return [
        "## Errors",
        "Every failure (bad input, a missing or wrong key, an unknown route or model, a busy server) is answered with " +
        "its HTTP status and a JSON body in OpenAI's shape (Anthropic's on its routes, see " +
        "[Anthropic error types](#anthropic-error-types)), never an HTML page, and never a `500` for bad input:",
        codeBlock("json", JSON.stringify(errorExample, null, 2)),
        "### The error object",
        responseFieldsTable(context.schema("ErrorResponse"), context),
        "### Statuses",
        table(["Status", "Meaning", "Codes"], statuses.map((status) => [
            code(String(status)),
            statusMeaning.get(String(status))!,
            entries.filter(([, entry]) => entry.status === status).map(([name]) => code(name)).join(", ")
        ])),
        "### Codes",
        "`error.code` is stable: match on it, not on the message. `429` and `503` carry a `Retry-After` header (seconds).",
        table(["Code", "Status", "`error.type`", "Retry-After", "When"], entries.map(([name, entry]) => [
            code(name), code(String(entry.status)), code(entry.type), entry.retryAfter == null ? "—" : `${entry.retryAfter} s`, errorDescriptions[name]
        ])),
        "### Handling errors",
        renderSampleGroup(pageSampleGroups.errors, context)
    ].join("\n\n");
}
