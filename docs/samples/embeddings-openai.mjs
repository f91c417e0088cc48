// Embeddings with the official `openai` npm package (it asks for base64 and decodes it for you).
import OpenAI from "openai";

const client = new OpenAI({baseURL: process.env.THOLOS_BASE_URL, apiKey: process.env.THOLOS_API_KEY});
const {data: [model]} = await client.models.list();

const {data} = await client.embeddings.create({
    model: model.id,
    input: ["The cat sat on the mat.", "A kitten rested on the rug."]
});
const [first, second] = data.map((item) => item.embedding);
console.log(`${data.length} vectors of ${first.length} dimensions`);

const dot = (a, b) => a.reduce((sum, value, index) => sum + value * b[index], 0);
console.log("cosine similarity:", (dot(first, second) / Math.sqrt(dot(first, first) * dot(second, second))).toFixed(4));
