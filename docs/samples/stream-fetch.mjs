// A streamed chat completion with plain `fetch`: read the server-sent events yourself.
const response = await fetch(`${process.env.THOLOS_BASE_URL}/chat/completions`, {
    method: "POST",
    headers: {
        "Authorization": `Bearer ${process.env.THOLOS_API_KEY}`,
        "Content-Type": "application/json"
    },
    body: JSON.stringify({
        messages: [{role: "user", content: "Tell me a very short story."}],
        max_tokens: 64,
        stream: true
    })
});
if (!response.ok) throw new Error(`${response.status}: ${(await response.json()).error.message}`);

// Events are separated by a blank line; each is `data: <json>`, and the last is `data: [DONE]`.
let buffered = "";
for await (const text of response.body.pipeThrough(new TextDecoderStream())) {
    buffered += text;
    const events = buffered.split("\n\n");
    buffered = events.pop();
    for (const event of events) {
        const data = event.replace(/^data: /, "");
        if (data === "[DONE]") continue;
        process.stdout.write(JSON.parse(data).choices[0]?.delta.content ?? "");
    }
}
console.log();
