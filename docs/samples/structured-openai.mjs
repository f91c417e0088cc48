// Structured output: `json_schema` is enforced by a grammar, so the answer parses and matches the schema.
import OpenAI from "openai";

const client = new OpenAI({baseURL: process.env.THOLOS_BASE_URL, apiKey: process.env.THOLOS_API_KEY});
const {data: [model]} = await client.models.list();

const completion = await client.chat.completions.create({
    model: model.id,
    messages: [{role: "user", content: "Invent a character for a story."}],
    max_tokens: 200,
    response_format: {
        type: "json_schema",
        json_schema: {
            name: "character",
            schema: {
                type: "object",
                properties: {
                    name: {type: "string", maxLength: 40},
                    age: {type: "integer"},
                    brave: {type: "boolean"}
                },
                required: ["name", "age", "brave"],
                additionalProperties: false
            }
        }
    }
});

// Only a cut-off answer (finish_reason "length": raise max_tokens) can fail to parse.
const character = JSON.parse(completion.choices[0].message.content);
console.log(character);
