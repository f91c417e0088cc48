/** Anything with a request's URL and headers (Fastify's request; `IncomingMessage`). */
type RequestLike = {url?: string, headers: Record<string, string | string[] | undefined>};

/**
 * Which protocol's error shape a request gets: Anthropic's on the Anthropic routes (`/v1/messages…`) and on the shared
 * models routes when the client sent `anthropic-version` (as Anthropic's clients always do); OpenAI's everywhere else.
 */
export function requestProtocol(request: RequestLike): "openai" | "anthropic" {
    const path = (request.url ?? "").split("?")[0]!;
    if (path === "/v1/messages" || path.startsWith("/v1/messages/")) return "anthropic";
    if ((path === "/v1/models" || path.startsWith("/v1/models/")) && request.headers["anthropic-version"] != null) return "anthropic";
    return "openai";
}
