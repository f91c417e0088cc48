/** The value `pointer` (RFC 6901, e.g. `/$defs/Node`; `""` is the whole document) points to in `document`, or `undefined`. */
export function resolveJsonPointer(document: unknown, pointer: string): unknown {
    if (pointer === "") return document;
    let value = document;
    for (const token of pointer.slice(1).split("/")) {
        const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
        if (Array.isArray(value) && /^(0|[1-9][0-9]*)$/.test(key)) value = value[Number(key)];
        else if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, key)) value = (value as Record<string, unknown>)[key];
        else return undefined;
    }
    return value;
}
