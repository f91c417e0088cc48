// Stores responses as fast as it can, printing each id once `put` returned (the answer would be sent then), until killed.
import {ResponseStore} from "../../../src/app/responses/ResponseStore.js";

const store = ResponseStore.open({dataDir: process.argv[2]!});
for (let i = 0; ; i++) {
    const id = `resp_${i}`;
    store.put({
        response: {
            id, object: "response", created_at: 1, completed_at: 1, status: "completed", error: null, incomplete_details: null, instructions: null,
            max_output_tokens: null, model: "m", output: [], parallel_tool_calls: true, previous_response_id: null,
            reasoning: {effort: null, summary: null}, store: true, temperature: 1, text: {format: {type: "text"}}, tool_choice: "auto",
            tools: [], top_p: 1, truncation: "disabled", metadata: {padding: "x".repeat(2000)}
        },
        input: [{type: "message", role: "user", content: `question ${i}`, id: `msg_${i}`}],
        previousResponseId: null
    });
    process.stdout.write(id + "\n");
}
