import type {OpenApiOperation} from "./JsonSchema.js";
import type {ReferenceContext} from "./ReferenceContext.js";
import {requestFieldsTable, responseFieldsTable} from "./fieldsTable.js";
import {describeType} from "./describeType.js";
import {code, table} from "./markdown.js";
import {refName} from "./schemaUtils.js";
import type {SampleGroup} from "../../contract/RouteMetadata.js";
import {renderSampleGroup} from "./renderSampleGroup.js";

export type EndpointExtras = {
    /** Sample groups shown under the endpoint (the route's metadata), each under its heading if it has one. */
    samples: readonly SampleGroup[]
};

/** One operation of `openapi.json`: its parameters, body, responses, errors and samples. */
export function renderEndpoint(method: string, path: string, operation: OpenApiOperation, extras: EndpointExtras, context: ReferenceContext) {
    const parts: string[] = [
        `### ${operation.summary ?? operation.operationId}`,
        `\`${method.toUpperCase()} ${path}\``,
        operation.description ?? ""
    ];

    const pathParameters = (operation.parameters ?? []).filter((parameter) => parameter.in === "path");
    if (pathParameters.length > 0)
        parts.push("**Path parameters**", table(["Parameter", "Type", "Description"], pathParameters.map((parameter) => [
            code(parameter.name), describeType(parameter.schema, context), parameter.schema.description ?? ""
        ])));

    const body = operation.requestBody?.content["application/json"]?.schema;
    if (body?.$ref != null) {
        const schema = context.schema(refName(body.$ref));
        parts.push(`**Request body** (JSON, \`${refName(body.$ref)}\`). ${schema.description ?? ""}`.trim(), requestFieldsTable(schema, context));
    }

    const ok = operation.responses["200"]?.content ?? {};
    for (const [mediaType, {schema}] of Object.entries(ok)) {
        if (schema.$ref == null) continue;
        const name = refName(schema.$ref);
        parts.push(mediaType === "text/event-stream"
            ? `**Streamed response** (\`200\`, \`text/event-stream\`, with \`stream: true\`): one \`data: <json>\` event per \`${name}\`, then \`data: [DONE]\`.`
            : `**Response** (\`200\`, \`application/json\`, \`${name}\`). ${context.schema(name).description ?? ""}`.trim());
        parts.push(responseFieldsTable(context.schema(name), context));
    }

    const errors = Object.keys(operation.responses).filter((status) => status !== "200");
    if (errors.length > 0)
        parts.push(`**Errors**: ${errors.map(code).join(", ")}, each with an [error object](#the-error-object); see [Errors](#errors).`);

    if (extras.samples.length > 0) parts.push("#### Examples");
    for (const {heading, intro, files} of extras.samples) {
        if (heading != null) parts.push(`#### ${heading}`);
        if (intro != null) parts.push(intro);
        parts.push(renderSampleGroup(files, context));
    }
    return parts.filter((part) => part !== "").join("\n\n");
}
