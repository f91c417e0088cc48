// A streamed message with the official `@anthropic-ai/sdk`'s stream helper: text as it arrives, then the whole message.
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({baseURL: process.env.THOLOS_BASE_URL.replace(/\/v1$/, ""), apiKey: process.env.THOLOS_API_KEY});
const {data: [model]} = await client.models.list();

const stream = client.messages.stream({
    model: model.id,
    max_tokens: 32,
    messages: [{role: "user", content: "Tell me a very short story."}]
});
stream.on("text", (text) => process.stdout.write(text));
const message = await stream.finalMessage();
console.log(`\nstop_reason: ${message.stop_reason}, ${message.usage.output_tokens} tokens out`);
