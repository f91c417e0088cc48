/** The help page's "first call": a chat request to the running server with the given key. */
export function firstCallCurl(port: number, apiKey: string): string {
    return [
        `curl http://127.0.0.1:${port}/v1/chat/completions \\`,
        `  -H "Authorization: Bearer ${apiKey}" \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -d '{`,
        `    "messages": [{"role": "user", "content": "Say hello in one sentence."}]`,
        `  }'`
    ].join("\n");
}
