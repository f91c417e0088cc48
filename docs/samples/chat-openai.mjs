// A chat completion with the official `openai` npm package.
import OpenAI from "openai";

const client = new OpenAI({
    baseURL: process.env.THOLOS_BASE_URL, // e.g. http://127.0.0.1:8756/v1
    apiKey: process.env.THOLOS_API_KEY
});

// The loaded model's id (any other id is a 404 `model_not_found`).
const {data: [model]} = await client.models.list();

const completion = await client.chat.completions.create({
    model: model.id,
    messages: [
        {role: "system", content: "You are a helpful assistant."},
        {role: "user", content: "Say hello in one sentence."}
    ],
    max_tokens: 64,
    temperature: 0.7
});

console.log(completion.choices[0].message.content);
console.log("finish_reason:", completion.choices[0].finish_reason);
console.log("usage:", completion.usage);
