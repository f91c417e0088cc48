import {z} from "zod";

/** Sampling fields shared by chat completions and completions. */
export const samplingFields = {
    model: z.string().optional().describe("The model id. Omit it to use the model loaded in the app; any other id is a 404 `model_not_found`."),
    max_tokens: z.number().int().min(1).nullish().describe("Most tokens to generate. Default: until the model stops or the context is full."),
    temperature: z.number().min(0).max(2).nullish().describe("Sampling temperature, 0–2. 0 is greedy. Default 1."),
    top_p: z.number().min(0).max(1).nullish().describe("Nucleus sampling mass, 0–1. Default 1."),
    stop: z.union([z.string(), z.array(z.string()).max(16)]).nullish().describe("Up to 16 sequences where generation stops; the stop text is not returned."),
    seed: z.number().int().nullish().describe("Same seed and parameters ⇒ the same text."),
    presence_penalty: z.number().min(-2).max(2).nullish().describe("-2–2. Penalises tokens that already appeared (llama.cpp `presence_penalty`)."),
    frequency_penalty: z.number().min(-2).max(2).nullish().describe("-2–2. Penalises tokens by how often they appeared (llama.cpp `frequency_penalty`)."),
    logit_bias: z.record(z.string(), z.number().min(-100).max(100)).nullish().describe("Token id → bias, -100–100; -100 bans the token."),
    n: z.number().int().min(1).nullish().describe("How many choices to generate. Only 1 is supported."),
    stream: z.boolean().nullish().describe("Send the answer as server-sent events, ending with `data: [DONE]`."),
    stream_options: z.object({
        include_usage: z.boolean().optional().describe("Send a last chunk with `usage` and empty `choices`.")
    }).nullish(),
    user: z.string().optional().describe("Accepted and ignored.")
};
