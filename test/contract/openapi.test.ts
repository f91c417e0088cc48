import {readFile} from "node:fs/promises";
import {describe, expect, it} from "vitest";
import {validate} from "@readme/openapi-parser";
import {buildOpenApiDocument} from "../../contract/index.js";
import {renderOpenApiJson} from "../../scripts/renderOpenApiJson.js";
import * as chat from "../../contract/schemas/chat.js";
import * as completions from "../../contract/schemas/completions.js";
import * as embeddings from "../../contract/schemas/embeddings.js";
import * as error from "../../contract/schemas/error.js";
import * as models from "../../contract/schemas/models.js";
import * as usage from "../../contract/schemas/usage.js";

const root = new URL("../../", import.meta.url);

describe("openapi.json", () => {
    it("equals a fresh generation from the contract (run `npm run openapi` after changing contract/)", async () => {
        const packageJson = JSON.parse(await readFile(new URL("package.json", root), "utf8")) as {version: string};
        const committed = await readFile(new URL("openapi.json", root), "utf8");
        expect(committed).toBe(renderOpenApiJson(buildOpenApiDocument({version: packageJson.version})));
    });

    it("is a valid OpenAPI 3.1 document", async () => {
        const document = JSON.parse(await readFile(new URL("openapi.json", root), "utf8"));
        const result = await validate(document);
        expect(result.valid ? [] : result.errors).toEqual([]);
        expect(document.openapi).toBe("3.1.0");
    });

    it("names every schema a contract module exports as a component, and keeps enums and values inline", () => {
        const exported = [chat, completions, embeddings, error, models, usage].flatMap((module) => Object.entries(module));
        const components = buildOpenApiDocument({version: "test"}).components?.schemas ?? {};
        for (const [name, value] of exported) {
            const kind = (value as {_def?: {typeName?: string}})._def?.typeName;
            if (kind == null) continue;
            expect(name in components, name).toBe(!["ZodEnum", "ZodLiteral", "ZodString", "ZodNumber", "ZodBoolean"].includes(kind));
        }
        expect(Object.keys(components)).toEqual(expect.arrayContaining(["ChatCompletionMessage", "Embedding", "CreateChatCompletionRequest"]));
        // FinishReason is an enum: its values are written where it is used
        expect(JSON.stringify(components.CreateChatCompletionResponse)).toContain('"tool_calls"');
        expect(components).not.toHaveProperty("FinishReason");
    });

    it("publishes every route with a bearer scheme and named, referenced schemas", () => {
        const document = buildOpenApiDocument({version: "test"});
        expect(Object.keys(document.paths ?? {}).sort()).toEqual([
            "/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/messages", "/v1/messages/count_tokens", "/v1/models",
            "/v1/models/{model}", "/v1/responses", "/v1/responses/{response_id}", "/v1/responses/{response_id}/input_items"
        ]);
        expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({type: "http", scheme: "bearer"});
        expect(document.components?.securitySchemes?.apiKeyHeader).toMatchObject({type: "apiKey", in: "header", name: "x-api-key"});
        expect(document.security).toEqual([{bearerAuth: []}, {apiKeyHeader: []}]);
        // The models routes answer in Anthropic's shape when asked with the header Anthropic's clients send
        expect(document.paths?.["/v1/models"]?.get?.parameters).toContainEqual(expect.objectContaining({name: "anthropic-version", in: "header", required: false}));

        const chat = document.paths?.["/v1/chat/completions"]?.post;
        expect(chat?.requestBody).toMatchObject({content: {"application/json": {schema: {$ref: "#/components/schemas/CreateChatCompletionRequest"}}}});
        expect(chat?.responses?.["200"]).toMatchObject({content: {
            "application/json": {schema: {$ref: "#/components/schemas/CreateChatCompletionResponse"}},
            "text/event-stream": {schema: {$ref: "#/components/schemas/CreateChatCompletionStreamResponse"}}
        }});
        expect(chat?.responses?.["401"]).toMatchObject({content: {"application/json": {schema: {$ref: "#/components/schemas/ErrorResponse"}}}});

        // Every $ref resolves to a published component.
        const refs = JSON.stringify(document).match(/"#\/components\/schemas\/[A-Za-z]+"/g) ?? [];
        for (const ref of refs)
            expect(document.components?.schemas).toHaveProperty(ref.slice(22, -1));
    });
});
