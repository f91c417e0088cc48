import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ChatOpenAI, OpenAIEmbeddings} from "@langchain/openai";
import {HumanMessage, SystemMessage} from "@langchain/core/messages";
import {tool} from "@langchain/core/tools";
import {z} from "zod";
import {startTestServer, type TestServer} from "../support/startTestServer.js";

/** LangChain's OpenAI integration (@langchain/openai 1.6 on @langchain/core 1), pointed at the server as its docs say. */
let server: TestServer;
const chat = (fields: ConstructorParameters<typeof ChatOpenAI>[0] = {}) => new ChatOpenAI({
    model: "stories260K", apiKey: server.apiKey, configuration: {baseURL: server.baseUrl}, maxRetries: 0, ...fields
});

beforeAll(async () => {
    server = await startTestServer();
});
afterAll(async () => {
    await server?.close();
});

describe("LangChain (@langchain/openai)", () => {
    it("invoke: a whole answer with token usage", async () => {
        const message = await chat({maxTokens: 12}).invoke([new SystemMessage("You tell stories."), new HumanMessage("Once upon a time")]);
        expect(typeof message.content).toBe("string");
        expect((message.content as string).length).toBeGreaterThan(0);
        expect(message.usage_metadata?.output_tokens).toBeGreaterThan(0);
        expect(message.usage_metadata?.output_tokens).toBeLessThanOrEqual(12);
        expect(message.usage_metadata?.input_tokens).toBeGreaterThan(0);
    });

    it("stream: text in several chunks that add up to the answer, usage at the end", async () => {
        const chunks = [];
        for await (const chunk of await chat({maxTokens: 16, streamUsage: true}).stream("Tell me a very short story.")) chunks.push(chunk);
        expect(chunks.length).toBeGreaterThanOrEqual(2);
        const whole = chunks.reduce((sum, chunk) => sum.concat(chunk));
        expect((whole.content as string).length).toBeGreaterThan(0);
        expect(whole.usage_metadata?.output_tokens).toBeGreaterThan(0);
    });

    it("bindTools with a named tool_choice: the call comes back as a parsed tool call", async () => {
        const getWeather = tool(async ({city}) => `sunny in ${city}`, {
            name: "get_weather",
            description: "The current weather in a city.",
            schema: z.object({city: z.string().max(20)})
        });
        const message = await chat({maxTokens: 128}).bindTools([getWeather], {tool_choice: "get_weather"}).invoke("What is the weather in Paris?");
        expect(message.tool_calls).toHaveLength(1);
        const [call] = message.tool_calls!;
        expect(call!.name).toBe("get_weather");
        expect(Object.keys(call!.args)).toEqual(["city"]);
        expect(typeof call!.args.city).toBe("string");
        expect(call!.id).toMatch(/^call_/);
        // …and the tool runs on what the model wrote
        expect(await getWeather.invoke(call!)).toMatchObject({content: `sunny in ${call!.args.city}`});
    });

    it("embeddings: embedQuery and embedDocuments", async () => {
        const embeddings = new OpenAIEmbeddings({model: "stories260K", apiKey: server.apiKey, configuration: {baseURL: server.baseUrl}, maxRetries: 0});
        const query = await embeddings.embedQuery("a cat");
        expect(query).toHaveLength(64);
        const documents = await embeddings.embedDocuments(["a cat", "a dog", "a house"]);
        expect(documents.map((vector) => vector.length)).toEqual([64, 64, 64]);
        expect(documents[0]).toEqual(query);
    });

    it("surfaces a wrong key as an error", async () => {
        const wrong = new ChatOpenAI({model: "stories260K", apiKey: "wrong", configuration: {baseURL: server.baseUrl}, maxRetries: 0});
        await expect(wrong.invoke("Hi")).rejects.toThrow(/API key/);
    });
});
