import {readFileSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {Ajv2020, type ValidateFunction} from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * Validates values against the OFFICIAL OpenAI OpenAPI document (`../shared/openai/openapi.json`, read-only and
 * never edited), so tests prove that what the server sends is what OpenAI's own clients expect — not merely what
 * our contract says. The document is adapted in memory only; every adaptation below says why.
 */
const openApiPath = process.env.THOLOS_OPENAI_SPEC ??
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/openai/openapi.json");

const documentId = "https://openai.local/openapi.json";

type JsonObject = Record<string, unknown>;

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** Throws, listing ajv's errors, unless `value` is valid against `#/components/schemas/<schemaName>` of OpenAI's spec. */
export function validateAgainstOpenAi(schemaName: string, value: unknown): void {
    let validate = validators.get(schemaName);
    if (validate == null) {
        ajv ??= createAjv();
        validate = ajv.getSchema(`${documentId}#/components/schemas/${schemaName}`);
        if (validate == null) throw new Error(`The OpenAI spec has no component schema "${schemaName}".`);
        validators.set(schemaName, validate);
    }
    if (!validate(value))
        throw new Error(`Not a valid OpenAI ${schemaName}:\n${ajv!.errorsText(validate.errors, {separator: "\n", dataVar: "value"})}\n` +
            `value: ${JSON.stringify(value).slice(0, 2000)}`);
}

/**
 * The component names of an official API description (for checks that a route names real ones): OpenAI's document's
 * schemas; for Anthropic, which publishes none here, the types its official SDK exports for the API's objects (what
 * test/clients/anthropicConformance.ts checks the contract against).
 */
export function officialSchemaNames(api: "openai" | "anthropic"): string[] {
    if (api === "openai")
        return Object.keys((JSON.parse(readFileSync(openApiPath, "utf8")) as {components: {schemas: JsonObject}}).components.schemas);
    const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../clients/node_modules/@anthropic-ai/sdk/resources");
    return ["messages/messages.d.ts", "models.d.ts", "shared.d.ts"]
        .flatMap((file) => [...readFileSync(path.join(sdk, file), "utf8").matchAll(/^export (?:interface|type) (\w+)/gm)].map((match) => match[1]!));
}

function createAjv() {
    const document = JSON.parse(readFileSync(openApiPath, "utf8")) as {components: {schemas: Record<string, JsonObject>}};
    const schemas = document.components.schemas;
    for (const schema of Object.values(schemas)) translateNullable(schema);
    relax(schemas);

    const instance = new Ajv2020({
        // The spec carries OpenAPI keywords (`discriminator`, `x-oaiMeta`, `x-stainless-const`, `deprecated` examples…)
        // that are not JSON Schema; strict mode would refuse them. `oneOf` already decides which branch applies.
        strict: false,
        allErrors: true,
        // Same component reached through several $refs: compile once.
        inlineRefs: false
    });
    addFormats.default(instance);
    // OpenAPI's numeric formats and OpenAI's own `unixtime` have no JSON Schema meaning beyond `type`, which is checked.
    for (const format of ["unixtime", "int64", "double", "float", "binary"])
        instance.addFormat(format, true);
    instance.addSchema({$id: documentId, components: document.components});
    return instance;
}

/**
 * OpenAPI 3.0's `nullable: true` (still used in ~100 places) means "or null"; JSON Schema 2020-12 ignores it. Each
 * such node becomes `anyOf: [<node>, {type: "null"}]`, which also covers `$ref` and `enum` nodes.
 */
function translateNullable(node: unknown): void {
    if (Array.isArray(node)) {
        node.forEach(translateNullable);
        return;
    }
    if (node == null || typeof node !== "object") return;
    const object = node as JsonObject;
    for (const child of Object.values(object)) translateNullable(child);
    if (object.nullable !== true) return;

    delete object.nullable;
    const inner: JsonObject = {};
    for (const [key, value] of Object.entries(object)) {
        if (key === "description" || key === "title") continue;
        inner[key] = value;
        delete object[key];
    }
    object.anyOf = [inner, {type: "null"}];
}

/**
 * Where OpenAI's own servers send what their spec forbids, accept what they really send (and only that).
 * Each relaxation is a documented OpenAI behaviour that clients (the `openai` SDKs) handle.
 */
function relax(schemas: Record<string, JsonObject>) {
    // Streamed legacy completions: every event but a choice's last has `finish_reason: null` (the spec shares the
    // non-streamed shape, whose enum has no null), and with `stream_options.include_usage` events carry `usage: null`.
    const completion = schemas.CreateCompletionResponse as {properties: Record<string, JsonObject>};
    const completionChoice = (completion.properties.choices as {items: {properties: Record<string, JsonObject>}}).items.properties;
    completionChoice.finish_reason = {anyOf: [completionChoice.finish_reason, {type: "null"}]};
    completion.properties.usage = {anyOf: [completion.properties.usage, {type: "null"}]};

    // `encoding_format: "base64"` answers `embedding` as a base64 string of little-endian float32s (the Python SDK
    // asks for it by default); the spec only describes the float array.
    const embedding = schemas.Embedding as {properties: Record<string, JsonObject>};
    embedding.properties.embedding = {anyOf: [embedding.properties.embedding, {type: "string", contentEncoding: "base64"}]};
}
