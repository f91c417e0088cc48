// A chat completion with plain `fetch` (Node 18+, browsers, Deno, Bun): no dependencies.
const response = await fetch(`${process.env.THOLOS_BASE_URL}/chat/completions`, {
    method: "POST",
    headers: {
        "Authorization": `Bearer ${process.env.THOLOS_API_KEY}`,
        "Content-Type": "application/json"
    },
    body: JSON.stringify({
        messages: [{role: "user", content: "Say hello in one sentence."}],
        max_tokens: 64
    })
});
const body = await response.json();
if (!response.ok) throw new Error(`${response.status} ${body.error.code}: ${body.error.message}`);

console.log(body.choices[0].message.content);
console.log("usage:", body.usage);
