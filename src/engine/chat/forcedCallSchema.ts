import type {ToolDefinition} from "../generation/GenerationRequest.js";

type Schema = Record<string, unknown>;

/**
 * The schema of a forced call: one JSON object `{"name": …, "arguments": {…}}` for one of `tools`, its arguments
 * matching that tool's parameters. Each tool's parameters move under `properties.arguments` (inside `oneOf` for
 * several tools), so their `$defs`/`definitions` are hoisted to the root under a per-tool prefix and every local `$ref`
 * is rewritten to where its target now is (`#` of a recursive tool schema becomes that tool's arguments).
 */
export function forcedCallSchema(tools: readonly ToolDefinition[]): Schema {
    const defs: Schema = {};
    const options = tools.map((tool, index) => {
        const at = tools.length === 1 ? "#/properties/arguments" : `#/oneOf/${index}/properties/arguments`;
        const {$defs, definitions, ...parameters} = (tool.parameters ?? {type: "object", properties: {}}) as Schema;
        for (const [kind, entries] of [["$defs", $defs], ["definitions", definitions]] as const)
            for (const [name, schema] of Object.entries((entries ?? {}) as Schema))
                defs[`t${index}-${kind === "$defs" ? "" : "d-"}${name}`] = rewriteRefs(schema, index, at);
        return {
            type: "object",
            properties: {name: {const: tool.name}, arguments: rewriteRefs(parameters, index, at)},
            required: ["name", "arguments"],
            additionalProperties: false
        };
    });
    const root: Schema = options.length === 1 ? options[0]! : {oneOf: options};
    return Object.keys(defs).length === 0 ? root : {...root, $defs: defs};
}

function rewriteRefs(node: unknown, tool: number, at: string): unknown {
    if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, tool, at));
    if (node == null || typeof node !== "object") return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) =>
        [key, key === "$ref" && typeof value === "string" ? rewriteRef(value, tool, at) : rewriteRefs(value, tool, at)]));
}

function rewriteRef(ref: string, tool: number, at: string) {
    if (!ref.startsWith("#")) return ref;
    const defs = /^#\/(\$defs|definitions)\/([^/]+)(.*)$/.exec(ref);
    if (defs != null) return `#/$defs/t${tool}-${defs[1] === "$defs" ? "" : "d-"}${defs[2]}${defs[3]}`;
    return at + ref.slice(1);
}
