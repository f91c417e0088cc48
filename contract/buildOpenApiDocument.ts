import {OpenApiBuilder, type OperationObject, type ReferenceObject, type SchemaObject} from "openapi3-ts/oas31";
import {ignoreOverride, zodToJsonSchema} from "zod-to-json-schema";
import {isZodType, type AppRoute} from "@ts-rest/core";
import {ZodFirstPartyTypeKind, type ZodTypeAny} from "zod";
import {apiContract} from "./apiContract.js";
import {EventStream} from "./eventStream.js";
import {routeMetadata} from "./RouteMetadata.js";
import * as chat from "./schemas/chat.js";
import * as completions from "./schemas/completions.js";
import * as embeddings from "./schemas/embeddings.js";
import * as error from "./schemas/error.js";
import * as models from "./schemas/models.js";
import * as responses from "./schemas/responses.js";
import * as usage from "./schemas/usage.js";
import * as anthropic from "./schemas/anthropic.js";

/** The contract's schema modules: a protocol's contract file is added here. */
const schemaModules = [error, usage, models, chat, completions, embeddings, responses, anthropic];

/** Kinds of schema that stay inline wherever they're used, so the reference shows their values there. */
const inlineKinds: ReadonlySet<string> = new Set([
    ZodFirstPartyTypeKind.ZodEnum, ZodFirstPartyTypeKind.ZodNativeEnum, ZodFirstPartyTypeKind.ZodLiteral,
    ZodFirstPartyTypeKind.ZodString, ZodFirstPartyTypeKind.ZodNumber, ZodFirstPartyTypeKind.ZodBoolean
]);

/**
 * Schemas published under `#/components/schemas`: every schema a contract module exports, under its export name, but
 * enums and plain values; every use of one elsewhere becomes a `$ref`.
 */
const components: Record<string, ZodTypeAny> = Object.fromEntries(schemaModules
    // By name within a module: module namespaces list their exports in different orders under different loaders
    .flatMap((module) => Object.entries(module).sort(([a], [b]) => a.localeCompare(b, "en")))
    .filter((entry): entry is [string, ZodTypeAny] => isZodType(entry[1]) && !inlineKinds.has((entry[1] as ZodTypeAny)._def.typeName)));

const statusText: Record<number, string> = {
    200: "OK",
    400: "Bad input: the message and `param` say what to fix.",
    401: "Missing or wrong API key.",
    403: "The `Host` header is not this server's loopback address (a DNS-rebinding guard).",
    404: "Unknown route or model.",
    413: "The request body is larger than the server accepts.",
    415: "The body's content type can't carry JSON.",
    422: "The model's answers kept failing a `json_schema`'s (or forced tool's) check on a keyword only that check enforces.",
    429: "All sequences and the queue are busy; retry after `Retry-After` seconds.",
    500: "An unexpected server fault; nothing about it is sent.",
    503: "The server is stopping or has no model; retry after `Retry-After` seconds."
};

function toJsonSchema(schema: ZodTypeAny, ownName?: string): SchemaObject | ReferenceObject {
    const names = new Map(Object.entries(components).filter(([name]) => name !== ownName).map(([name, component]) => [component._def, name]));
    const {$schema: _, ...json} = zodToJsonSchema(schema, {
        target: "jsonSchema7",
        // Named components become `$ref`s; everything else is inlined, so no pointer ever reaches inside another schema.
        $refStrategy: "none",
        override: (def) => names.has(def) ? {$ref: `#/components/schemas/${names.get(def)}`} : ignoreOverride,
        // Objects are open unless declared strict: the server accepts and ignores fields it doesn't know, as OpenAI's clients expect.
        removeAdditionalStrategy: "strict"
    }) as Record<string, unknown>;
    return json as SchemaObject;
}

function responseContent(route: AppRoute, schema: ZodTypeAny) {
    const options = "options" in schema._def ? (schema._def.options as ZodTypeAny[]) : [schema];
    const json = options.filter((option) => option !== EventStream);
    // Which of our components each event of a streamed answer is.
    const chunk = routeMetadata(route).stream?.event;
    return {
        "application/json": {schema: toJsonSchema(json.length === 1 ? json[0]! : schema)},
        ...(chunk != null && json.length !== options.length
            ? {"text/event-stream": {schema: {$ref: `#/components/schemas/${chunk}`}}}
            : {})
    };
}

function parameters(route: AppRoute) {
    const of = (schema: unknown, where: "path" | "header") => {
        if (!isZodType(schema)) return [];
        const shape = (schema as unknown as {shape: Record<string, ZodTypeAny>}).shape;
        return Object.entries(shape).map(([name, field]) => ({
            name, in: where, required: !field.isOptional(), description: field.description, schema: toJsonSchema(field) as SchemaObject
        }));
    };
    return [...of(route.pathParams, "path"), ...of(route.headers, "header")];
}

/** The OpenAPI 3.1 document of `apiContract`; `npm run openapi` writes it to `openapi.json`. */
export function buildOpenApiDocument(options: {version: string}) {
    const builder = OpenApiBuilder.create({
        openapi: "3.1.0",
        info: {
            title: "Tholos AI Local API Server",
            version: options.version,
            description: "An OpenAI-compatible API served by the Tholos AI app on 127.0.0.1 from the model loaded on this machine. " +
                "Nothing leaves the device."
        },
        servers: [{url: "http://127.0.0.1:8756", description: "The default port; use the one in the app's Status line."}],
        paths: {},
        components: {},
        // Either header carries the key, on every route.
        security: [{bearerAuth: []}, {apiKeyHeader: []}]
    });
    builder.addSecurityScheme("bearerAuth", {
        type: "http",
        scheme: "bearer",
        description: "The API key shown in Settings → Local API Server (or `tholos key show`)."
    });
    builder.addSecurityScheme("apiKeyHeader", {
        type: "apiKey",
        in: "header",
        name: "x-api-key",
        description: "The same key as `x-api-key`, as Anthropic's clients send it (accepted on every route)."
    });
    for (const [name, schema] of Object.entries(components))
        builder.addSchema(name, toJsonSchema(schema, name));

    for (const [routeName, route] of Object.entries(apiContract) as [keyof typeof apiContract, AppRoute][]) {
        const path = route.path.replace(/:([A-Za-z_]+)/g, "{$1}");
        const responses: OperationObject["responses"] = {};
        for (const [status, schema] of Object.entries(route.responses))
            responses[status] = {description: statusText[Number(status)] ?? "", content: responseContent(route, schema as ZodTypeAny)};

        const operation: OperationObject = {
            operationId: routeName,
            summary: route.summary,
            description: route.description,
            parameters: parameters(route),
            responses
        };
        if (route.method === "POST" && isZodType(route.body))
            operation.requestBody = {required: true, content: {"application/json": {schema: toJsonSchema(route.body as ZodTypeAny)}}};

        builder.addPath(path, {...builder.getSpec().paths?.[path], [route.method.toLowerCase()]: operation});
    }
    return builder.getSpec();
}
