// A streamed response with the `openai` package: its stream helper, then the final response it assembled.
import OpenAI from "openai";

const client = new OpenAI({baseURL: process.env.THOLOS_BASE_URL, apiKey: process.env.THOLOS_API_KEY});
const {data: [model]} = await client.models.list();

const stream = client.responses.stream({
    model: model.id,
    input: "Tell me a very short story.",
    max_output_tokens: 48
});
stream.on("response.output_text.delta", (event) => process.stdout.write(event.delta));
const response = await stream.finalResponse();
console.log("\nstatus:", response.status, "events ended with", response.usage.output_tokens, "tokens out");
