import {jsonSchemaSupport, type JsonSchemaKeywordHandling} from "../../src/engine/grammar/jsonSchemaSupport.js";
import {code, table} from "./markdown.js";

const handlingText: Record<JsonSchemaKeywordHandling, string> = {
    "grammar": "Grammar",
    "grammar+check": "Grammar, then checked",
    "check": "Checked after",
    "annotation": "Ignored (annotation)",
    "refused": "Refused (400)"
};

/** "Structured output": how each JSON Schema keyword is enforced, from the table the schema compiler consults. */
export function renderSchemaSupport() {
    const rows = Object.entries(jsonSchemaSupport).map(([keyword, {handling, note}]) => [code(keyword), handlingText[handling], note]);
    return [
        "## Structured output: what is enforced",
        "`response_format` `json_schema` and tool parameters (forced with `tool_choice` `required` or a named function) are " +
        "compiled into a grammar that makes the model write JSON valid for the schema; then the answer is checked against " +
        "the whole schema. **Grammar**: every answer satisfies the keyword by construction. **Checked after**: only the check " +
        "enforces it; a failing answer is generated again with another seed (whole answers, up to 3 attempts), and a " +
        "`422` `schema_not_satisfied` names the failure if none passes (a streamed answer ends with that error event). " +
        "**Refused**: the keyword changes what is valid in a way no grammar can follow, so the request is a `400` naming " +
        "the keyword and where it is. Keywords not listed are ignored, as JSON Schema says. With `tool_choice` `auto` the " +
        "model's own call syntax is parsed by node-llama-cpp, whose grammar follows the structural keywords only. A " +
        "`json_object` or `json_schema` answer that `max_tokens` cuts short is closed within the budget, so it parses " +
        "(`finish_reason` stays `length`); a closed `json_schema` answer is returned only if it still matches the schema.",
        table(["Keyword", "Enforced by", "Notes"], rows)
    ].join("\n\n");
}
