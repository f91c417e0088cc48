/** The `data:` payloads of a server-sent-event body, in order (`[DONE]` included as the string). */
export async function readEventStream(response: Response) {
    const text = await response.text();
    return text.split("\n\n").filter((event) => event !== "").map((event) => {
        if (!event.startsWith("data: ")) throw new Error(`not an SSE data event: ${JSON.stringify(event)}`);
        const data = event.slice("data: ".length);
        return data === "[DONE]" ? data : JSON.parse(data) as Record<string, unknown>;
    });
}
