// A streamed chat completion with the official `openai` npm package.
import OpenAI from "openai";

const client = new OpenAI({baseURL: process.env.THOLOS_BASE_URL, apiKey: process.env.THOLOS_API_KEY});
const {data: [model]} = await client.models.list();

const stream = await client.chat.completions.create({
    model: model.id,
    messages: [{role: "user", content: "Tell me a very short story."}],
    max_tokens: 64,
    stream: true,
    stream_options: {include_usage: true}
});

let usage;
for await (const chunk of stream) {
    process.stdout.write(chunk.choices[0]?.delta.content ?? "");
    usage = chunk.usage ?? usage; // only the last chunk carries usage
}
console.log("\nusage:", usage);
