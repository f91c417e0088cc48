// The typed TypeScript client, built from the same contract as the server: requests and answers are checked by tsc.
import {createTholosClient} from "tholos-local-api-server/contract";

const client = createTholosClient({
    baseUrl: process.env.THOLOS_BASE_URL!, // e.g. http://127.0.0.1:8756/v1
    apiKey: process.env.THOLOS_API_KEY!
});

const models = await client.listModels();
if (models.status !== 200) throw new Error(models.body.error.message);
console.log("model:", models.body.data[0]?.id, models.body.data[0]?.meta?.context_length, "tokens of context");

// Every status is a typed answer, not an exception: narrow on `status`.
const chat = await client.createChatCompletion({
    body: {
        messages: [{role: "user", content: "Say hello in one sentence."}],
        max_tokens: 64
    }
});
if (chat.status !== 200) throw new Error(`${chat.status} ${chat.body.error.code}: ${chat.body.error.message}`);
console.log(chat.body.choices[0]?.message.content);
console.log("usage:", chat.body.usage);
