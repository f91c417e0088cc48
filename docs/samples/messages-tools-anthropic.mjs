// Tool use with the official `@anthropic-ai/sdk`: the model asks for a tool (a tool_use block), your code runs it,
// and its result goes back as a tool_result block. tool_choice "tool" makes this model call it.
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({baseURL: process.env.THOLOS_BASE_URL.replace(/\/v1$/, ""), apiKey: process.env.THOLOS_API_KEY});
const {data: [model]} = await client.models.list();

const tools = [{
    name: "get_weather",
    description: "The current weather in a city",
    input_schema: {type: "object", properties: {city: {type: "string", maxLength: 20}}, required: ["city"]}
}];
const messages = [{role: "user", content: "What's the weather in Paris?"}];

const first = await client.messages.create({model: model.id, max_tokens: 200, tools, tool_choice: {type: "tool", name: "get_weather"}, messages});
const call = first.content.find((block) => block.type === "tool_use");
console.log("call:", call.name, call.input);

// Your code runs the tool; here it is a stand-in.
const result = `Sunny, 18 °C in ${call.input.city}`;
const second = await client.messages.create({
    model: model.id,
    max_tokens: 64,
    tools,
    messages: [...messages, {role: "assistant", content: first.content}, {role: "user", content: [{type: "tool_result", tool_use_id: call.id, content: result}]}]
});
console.log("answer:", second.content.filter((block) => block.type === "text").map((block) => block.text).join(""));
