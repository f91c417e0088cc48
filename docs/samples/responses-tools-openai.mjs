// Function calling with the Responses API: a `function_call` item comes back, your code runs it, and its result goes
// back as a `function_call_output` item with the same `call_id`.
import OpenAI from "openai";

const client = new OpenAI({baseURL: process.env.THOLOS_BASE_URL, apiKey: process.env.THOLOS_API_KEY});
const {data: [model]} = await client.models.list();

const tools = [{
    type: "function",
    name: "get_weather",
    description: "The current weather in a city.",
    parameters: {type: "object", properties: {city: {type: "string", maxLength: 30}}, required: ["city"], additionalProperties: false},
    strict: true
}];
const input = [{role: "user", content: "What is the weather in Paris?"}];

// Naming the function in `tool_choice` forces the call; with "auto" the model decides.
const first = await client.responses.create({
    model: model.id, input, tools, tool_choice: {type: "function", name: "get_weather"}, max_output_tokens: 200
});
const call = first.output.find((item) => item.type === "function_call");
if (call == null) throw new Error(`no function call: ${first.status}`);
const args = JSON.parse(call.arguments);
console.log("call:", call.name, args);

input.push(call, {type: "function_call_output", call_id: call.call_id, output: JSON.stringify({city: args.city, sky: "sunny", celsius: 21})});
const second = await client.responses.create({model: model.id, input, tools, max_output_tokens: 64});
console.log("answer:", second.output_text);
