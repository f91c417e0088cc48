import {z} from "zod";

/** Sampling fields shared by chat completions and completions. */
export const samplingFields = {
    model: z.string().optional().describe("The model id; any id but the loaded model's is a 404 `model_not_found`. Default: the model loaded in the app."),
    max_tokens: z.number().int().min(1).nullish().describe("Most tokens to generate. Default: until the model stops or the context is full."),
    temperature: z.number().min(0).max(2).nullish().describe("Sampling temperature, 0–2. 0 is greedy. Default 1."),
    top_p: z.number().min(0).max(1).nullish().describe("Nucleus sampling mass, 0–1. Default 1."),
    stop: z.union([z.string(), z.array(z.string()).max(16)]).nullish().describe("Up to 16 sequences where generation stops; the stop text is not returned. Default: none."),
    seed: z.number().int().nullish().describe("Same seed and parameters ⇒ the same text. Default: a fresh random seed per request."),
    presence_penalty: z.number().min(-2).max(2).nullish().describe("-2–2. Penalises tokens that already appeared (llama.cpp `presence_penalty`). Default 0."),
    frequency_penalty: z.number().min(-2).max(2).nullish().describe("-2–2. Penalises tokens by how often they appeared (llama.cpp `frequency_penalty`). Default 0."),
    logit_bias: z.record(z.string(), z.number().min(-100).max(100)).nullish().describe("Token id → bias, -100–100; -100 bans the token. Default: none."),
    n: z.number().int().min(1).max(16).nullish().describe("How many choices to generate, at once on separate sequences that share the prompt's evaluated state (with `seed`, choice i uses seed + i). 1–16. Default 1."),
    stream: z.boolean().nullish().describe("Send the answer as server-sent events, ending with `data: [DONE]`. Default `false`."),
    stream_options: z.object({
        include_usage: z.boolean().optional().describe("Send a last chunk with `usage` and empty `choices`. Default `false`.")
    }).nullish().describe("Options for a streamed answer (`stream: true`)."),
    user: z.string().optional().describe("Accepted and ignored.")
};
