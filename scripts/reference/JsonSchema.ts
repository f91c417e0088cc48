/** The part of JSON Schema (as `openapi.json` writes it) that the reference reads. */
export type JsonSchema = {
    $ref?: string,
    type?: string | string[],
    anyOf?: JsonSchema[],
    oneOf?: JsonSchema[],
    enum?: unknown[],
    const?: unknown,
    items?: JsonSchema,
    properties?: Record<string, JsonSchema>,
    required?: string[],
    additionalProperties?: boolean | JsonSchema,
    minimum?: number,
    maximum?: number,
    minItems?: number,
    maxItems?: number,
    pattern?: string,
    description?: string,
    default?: unknown
};

/** The part of an OpenAPI 3.1 document that the reference reads. */
export type OpenApiDocument = {
    info: {title: string, version: string, description?: string},
    servers?: {url: string, description?: string}[],
    paths: Record<string, Record<string, OpenApiOperation>>,
    components: {schemas: Record<string, JsonSchema>}
};

export type OpenApiOperation = {
    operationId: string,
    summary?: string,
    description?: string,
    parameters?: {name: string, in: string, required?: boolean, schema: JsonSchema}[],
    requestBody?: {content: Record<string, {schema: JsonSchema}>},
    responses: Record<string, {description: string, content?: Record<string, {schema: JsonSchema}>}>
};
