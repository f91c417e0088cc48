// Function calling: the model asks for a tool, your code runs it, and the result goes back as a `tool` message.
import OpenAI from "openai";

const client = new OpenAI({baseURL: process.env.THOLOS_BASE_URL, apiKey: process.env.THOLOS_API_KEY});
const {data: [model]} = await client.models.list();

const tools = [{
    type: "function",
    function: {
        name: "get_weather",
        description: "The current weather in a city.",
        parameters: {
            type: "object",
            properties: {city: {type: "string", maxLength: 30}}, // the grammar enforces maxLength too
            required: ["city"]
        }
    }
}];
const messages = [{role: "user", content: "What is the weather in Paris?"}];

// Naming the function in `tool_choice` forces the call; with "auto" the model decides.
const first = await client.chat.completions.create({
    model: model.id,
    messages,
    tools,
    tool_choice: {type: "function", function: {name: "get_weather"}},
    max_tokens: 200
});
if (first.choices[0].finish_reason !== "tool_calls") throw new Error(`no tool call: ${first.choices[0].finish_reason}`);
const call = first.choices[0].message.tool_calls[0];
const args = JSON.parse(call.function.arguments);
console.log("call:", call.function.name, args);

messages.push(first.choices[0].message);
messages.push({role: "tool", tool_call_id: call.id, content: JSON.stringify({city: args.city, sky: "sunny", celsius: 21})});

const second = await client.chat.completions.create({model: model.id, messages, tools, max_tokens: 64});
console.log("answer:", second.choices[0].message.content);
