/** Whether `value` is a JSON object (a schema other than `true`/`false`), not an array or null. */
export function isSchemaObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
