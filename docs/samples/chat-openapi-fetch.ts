// A client generated from /openapi.json: types by openapi-typescript (see generate-types.sh), calls by openapi-fetch.
import createClient from "openapi-fetch";
import type {paths} from "./tholos-api.js";

const client = createClient<paths, "application/json">({
    baseUrl: process.env.THOLOS_BASE_URL!.replace(/\/v1$/, ""), // the spec's paths start with /v1
    headers: {Authorization: `Bearer ${process.env.THOLOS_API_KEY}`}
});

const models = await client.GET("/v1/models");
if (models.error) throw new Error(models.error.error.message);
console.log("model:", models.data.data[0]?.id);

const chat = await client.POST("/v1/chat/completions", {
    body: {
        messages: [{role: "user", content: "Say hello in one sentence."}],
        max_tokens: 64
    }
});
if (chat.error) throw new Error(`${chat.error.error.code}: ${chat.error.error.message}`);
console.log(chat.data.choices[0]?.message.content);

// Streaming: leave the body unparsed and read the server-sent events from the response.
const {response} = await client.POST("/v1/chat/completions", {
    body: {messages: [{role: "user", content: "Tell me a very short story."}], max_tokens: 32, stream: true},
    parseAs: "stream"
});
if (!response.ok || response.body == null) throw new Error(`the stream failed: ${response.status}`);
let text = "";
let buffered = "";
for await (const piece of response.body.pipeThrough(new TextDecoderStream())) {
    buffered += piece;
    const events = buffered.split("\n\n");
    buffered = events.pop()!;
    for (const event of events) {
        const data = event.replace(/^data: /, "");
        if (data !== "[DONE]") text += JSON.parse(data).choices[0]?.delta.content ?? "";
    }
}
console.log("streamed:", text);
