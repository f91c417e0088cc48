// A response with the official `openai` npm package's Responses API.
import OpenAI from "openai";

const client = new OpenAI({baseURL: process.env.THOLOS_BASE_URL, apiKey: process.env.THOLOS_API_KEY});
const {data: [model]} = await client.models.list();

const response = await client.responses.create({
    model: model.id,
    instructions: "You are a helpful assistant.",
    input: "Say hello in one sentence.",
    max_output_tokens: 64
});
console.log(response.output_text);
console.log("status:", response.status, "usage:", response.usage.output_tokens, "out");
