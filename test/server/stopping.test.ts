import {expect, it} from "vitest";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {validateAgainstOpenAi} from "../support/openAiSchemaValidator.js";
import {AnthropicMessageStreamEvent} from "../../contract/index.js";

/** Starts a long stream on `path`, stops the server once its first bytes arrive, and returns the stream's whole text. */
async function streamWhileStopping(server: TestServer, path: string, headers: Record<string, string>) {
    const response = await fetch(`${server.baseUrl}${path}`, {
        method: "POST",
        headers: {...headers, "content-type": "application/json"},
        body: JSON.stringify({messages: [{role: "user", content: "Tell a long story."}], max_tokens: 1500, stream: true})
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value, {stream: true});

    const closed = server.app.close();
    for (;;) {
        const {done, value} = await reader.read();
        if (done) break;
        text += decoder.decode(value, {stream: true});
    }
    await closed;
    return text;
}

it("ends open streams with a server_stopping error event when the server stops, and stops promptly", async () => {
    const server = await startTestServer();
    try {
        const text = await streamWhileStopping(server, "/chat/completions", {authorization: `Bearer ${server.apiKey}`});
        const events = text.split("\n\n").filter((event) => event !== "");
        const last = JSON.parse(events.at(-1)!.slice("data: ".length));
        validateAgainstOpenAi("ErrorResponse", last);
        expect(last.error).toMatchObject({code: "server_stopping", type: "server_error"});
        expect(events).not.toContain("data: [DONE]");
        expect(server.engine.load.free).toBe(server.engine.load.sequences);
    } finally {
        await server.close();
    }
});

it("ends an Anthropic stream with Anthropic's error event (overloaded_error) when the server stops", async () => {
    const server = await startTestServer();
    try {
        const text = await streamWhileStopping(server, "/messages", {"x-api-key": server.apiKey, "anthropic-version": "2023-06-01"});
        const [eventLine, dataLine] = text.trimEnd().split("\n\n").at(-1)!.split("\n");
        expect(eventLine).toBe("event: error");
        const event = AnthropicMessageStreamEvent.parse(JSON.parse(dataLine!.slice("data: ".length)));
        expect(event).toMatchObject({type: "error", error: {type: "overloaded_error", message: expect.stringMatching(/stopping/)}});
        expect(text).not.toContain("event: message_stop");
        expect(server.engine.load.free).toBe(server.engine.load.sequences);
    } finally {
        await server.close();
    }
});
