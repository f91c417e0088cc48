// The Vercel AI SDK through its OpenAI-compatible provider: a whole answer, then a streamed one.
import {generateText, streamText} from "ai";
import {createOpenAICompatible} from "@ai-sdk/openai-compatible";

const tholos = createOpenAICompatible({
    name: "tholos",
    baseURL: process.env.THOLOS_BASE_URL,
    apiKey: process.env.THOLOS_API_KEY,
    includeUsage: true // ask for usage in streamed answers too
});

// The loaded model's id, from GET /v1/models.
const models = await fetch(`${process.env.THOLOS_BASE_URL}/models`, {
    headers: {Authorization: `Bearer ${process.env.THOLOS_API_KEY}`}
}).then((response) => response.json());
const model = tholos(models.data[0].id);

const {text, usage} = await generateText({model, prompt: "Say hello in one sentence.", maxOutputTokens: 64});
console.log(text);
console.log("usage:", usage.inputTokens, "in,", usage.outputTokens, "out");

const result = streamText({model, prompt: "Tell me a very short story.", maxOutputTokens: 64});
for await (const delta of result.textStream) process.stdout.write(delta);
console.log("\nstreamed usage:", (await result.usage).outputTokens, "out");
