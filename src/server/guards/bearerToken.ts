/** The token of an `Authorization: Bearer <token>` header, or `null`. */
export function bearerToken(header: string | string[] | undefined) {
    if (typeof header !== "string") return null;
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    return match?.[1] ?? null;
}
