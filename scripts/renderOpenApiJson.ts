/** The exact bytes of the committed `openapi.json`, so the drift test compares like with like. */
export function renderOpenApiJson(document: unknown) {
    return JSON.stringify(document, null, 2) + "\n";
}
