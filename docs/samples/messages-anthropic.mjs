// A message with the official `@anthropic-ai/sdk`. Anthropic's clients add `/v1` themselves, so their base URL is the
// server's address without it; the key goes as `apiKey` (sent as `x-api-key`).
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({baseURL: process.env.THOLOS_BASE_URL.replace(/\/v1$/, ""), apiKey: process.env.THOLOS_API_KEY});
const {data: [model]} = await client.models.list();

const message = await client.messages.create({
    model: model.id,
    max_tokens: 64,
    system: "You are a helpful assistant.",
    messages: [{role: "user", content: "Say hello in one sentence."}]
});
console.log(message.content.filter((block) => block.type === "text").map((block) => block.text).join(""));
console.log("stop_reason:", message.stop_reason, "usage:", message.usage.output_tokens, "out");
