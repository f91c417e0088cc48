// Writes a random-weight Llama GGUF model (real stories260K tokenizer) for benchmarks and manual tests.
//   npx tsx scripts/make-model.ts --out .tmp/bench-80m.gguf --params 80M
//   npx tsx scripts/make-model.ts --out small.gguf --embedding 256 --blocks 4 --heads 4 --chat-template none
// Explicit dimensions win over --params; with --params, the unset ones are sized for a GPT-2-like shape
// (head size 64, about one block per 64 of embedding length). Prints the resulting parameter count.
import {parseArgs} from "node:util";
import {z} from "zod";
import {UserInputError} from "../src/cli/UserInputError.js";
import {chatTemplates} from "../test/fixtures/gguf/chatTemplates.js";
import {createLlamaModel} from "../test/fixtures/gguf/createLlamaModel.js";

const usage = "Usage: tsx scripts/make-model.ts --out FILE.gguf [--params 80M] [--embedding N] [--blocks N] [--heads N] " +
    "[--heads-kv N] [--ff N] [--context N] [--seed N] [--name TEXT] [--chat-template chatMl|custom|none]";

const positiveInteger = z.coerce.number().int().positive();
const parameterCount = z.string()
    .regex(/^\d+(\.\d+)?[kKmMbB]?$/, "a count like 80M, 1.5B or 250000")
    .transform((text) => {
        const multipliers: Record<string, number> = {k: 1e3, m: 1e6, b: 1e9};
        const suffix = text.at(-1)!.toLowerCase();
        return Math.round(Number.parseFloat(text) * (multipliers[suffix] ?? 1));
    });

const Arguments = z.object({
    out: z.string().min(1).refine((file) => file.endsWith(".gguf"), "must end with .gguf"),
    params: parameterCount.optional(),
    embedding: positiveInteger.optional(),
    blocks: positiveInteger.optional(),
    heads: positiveInteger.optional(),
    "heads-kv": positiveInteger.optional(),
    ff: positiveInteger.optional(),
    context: positiveInteger.optional(),
    seed: z.coerce.number().int().nonnegative().optional(),
    name: z.string().min(1).optional(),
    "chat-template": z.enum(["chatMl", "custom", "none"]).default("chatMl")
}).strict();

/** Vocabulary of the copied tokenizer; only affects the embedding and output matrices. */
const vocabularySize = 512;
const defaultFeedForwardLength = (embedding: number) => Math.ceil((8 * embedding) / 3 / 32) * 32;

function sizeForParameterCount(target: number, args: z.infer<typeof Arguments>) {
    const embedding = args.embedding ??
        Math.max(64, Math.round(Math.cbrt((target * 64) / 12) / 64) * 64);
    const heads = args.heads ?? Math.max(1, embedding / 64);
    const headsKv = args["heads-kv"] ?? heads;
    const ff = args.ff ?? defaultFeedForwardLength(embedding);
    const perBlock = 2 * embedding * embedding + 2 * embedding * (embedding / heads) * headsKv + 3 * embedding * ff + 2 * embedding;
    const blocks = args.blocks ?? Math.max(1, Math.round((target - 2 * embedding * vocabularySize - embedding) / perBlock));
    return {embedding, heads, headsKv, ff, blocks};
}

async function main() {
    const {values} = parseArgs({
        options: {
            out: {type: "string"}, params: {type: "string"}, embedding: {type: "string"}, blocks: {type: "string"},
            heads: {type: "string"}, "heads-kv": {type: "string"}, ff: {type: "string"}, context: {type: "string"},
            seed: {type: "string"}, name: {type: "string"}, "chat-template": {type: "string"}
        },
        strict: true
    });
    const parsed = Arguments.safeParse(values);
    if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `--${issue.path.join(".") || "?"}: ${issue.message}`);
        throw new UserInputError([...problems, usage].join("\n"));
    }
    const args = parsed.data;
    const sized = args.params == null ? null : sizeForParameterCount(args.params, args);

    const startedAt = performance.now();
    const model = await createLlamaModel({
        path: args.out,
        embeddingLength: sized?.embedding ?? args.embedding,
        blockCount: sized?.blocks ?? args.blocks,
        headCount: sized?.heads ?? args.heads,
        headCountKv: sized?.headsKv ?? args["heads-kv"],
        feedForwardLength: sized?.ff ?? args.ff,
        contextLength: args.context,
        seed: args.seed,
        name: args.name,
        chatTemplate: args["chat-template"] === "none" ? null : chatTemplates[args["chat-template"]]
    });
    const seconds = (performance.now() - startedAt) / 1000;

    console.log(`Wrote ${model.path} in ${seconds.toFixed(1)} s`);
    console.log(`parameters: ${model.parameterCount} (${(model.parameterCount / 1e6).toFixed(1)}M)`);
    console.log(`file size: ${(model.fileSize / 2 ** 20).toFixed(1)} MiB`);
    console.log(
        `embedding ${model.embeddingLength}, blocks ${model.blockCount}, heads ${model.headCount}/${model.headCountKv} (kv), ` +
        `feed-forward ${model.feedForwardLength}, context ${model.contextLength}, vocabulary ${model.vocabularySize}, ` +
        `chat template ${args["chat-template"]}, seed ${model.seed}`
    );
}

try {
    await main();
} catch (err) {
    if (err instanceof UserInputError || err instanceof RangeError || (err as {code?: string}).code?.startsWith("ERR_PARSE_ARGS")) {
        console.error((err as Error).message);
        process.exitCode = 2;
    } else
        throw err;
}
