// `npm run bench`: the server against node-llama-cpp in-process on the same model and settings, interleaved
// (A B A B …) so machine noise hits both sides alike. Benchmarks report; they never assert.
import {getLlama, LlamaCompletion} from "node-llama-cpp";
import {buildOpenApiDocument} from "../contract/index.js";
import {LlamaEngine} from "../src/engine/LlamaEngine.js";
import {createServer} from "../src/server/createServer.js";
import {listenOnLoopback} from "../src/server/listenOnLoopback.js";
import {format, summarize} from "./measure.js";

const modelPath = process.env.THOLOS_BENCH_MODEL ?? new URL("../../shared/models/stories260K.gguf", import.meta.url).pathname;
const rounds = Number(process.env.THOLOS_BENCH_ROUNDS ?? 5);
const maxTokens = Number(process.env.THOLOS_BENCH_TOKENS ?? 200);
const prompt = "Once upon a time, there was a little girl named Lily.";

type Sample = {tokensPerSecond: number, ttftMs: number};

async function inProcess(threads: number): Promise<() => Promise<Sample>> {
    const llama = await getLlama({gpu: false, build: "never"});
    const model = await llama.loadModel({modelPath});
    const context = await model.createContext({contextSize: 2048, sequences: 1, threads});
    const sequence = context.getSequence();
    return async () => {
        await sequence.clearHistory();
        const completion = new LlamaCompletion({contextSequence: sequence});
        const start = performance.now();
        let first = 0;
        let tokens = 0;
        await completion.generateCompletion(prompt, {
            maxTokens, temperature: 0,
            onToken(chunk) {
                if (tokens === 0) first = performance.now();
                tokens += chunk.length;
            }
        });
        const end = performance.now();
        completion.dispose({disposeSequence: false});
        return {tokensPerSecond: (tokens - 1) / ((end - first) / 1000), ttftMs: first - start};
    };
}

async function overHttp(baseUrl: string, apiKey: string): Promise<Sample> {
    const start = performance.now();
    const response = await fetch(`${baseUrl}/v1/completions`, {
        method: "POST",
        headers: {authorization: `Bearer ${apiKey}`, "content-type": "application/json"},
        body: JSON.stringify({prompt, max_tokens: maxTokens, temperature: 0, stream: true, stream_options: {include_usage: true}})
    });
    const reader = response.body!.getReader();
    let first = 0;
    let tokens = 0;
    const decoder = new TextDecoder();
    let buffered = "";
    for (;;) {
        const {done, value} = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, {stream: true});
        const events = buffered.split("\n\n");
        buffered = events.pop()!;
        for (const event of events) {
            if (event === "data: [DONE]") continue;
            const data = JSON.parse(event.slice(6));
            if (data.choices[0]?.text && first === 0) first = performance.now();
            if (data.usage != null) tokens = data.usage.completion_tokens;
        }
    }
    const end = performance.now();
    return {tokensPerSecond: (tokens - 1) / ((end - first) / 1000), ttftMs: first - start};
}

async function startServer(threads: number, sequences: number) {
    const engine = await LlamaEngine.load({modelPath, threads, gpu: "cpu", sequences, contextSize: 2048});
    const app = await createServer({engine: () => engine, apiKey: () => "bench", openApiDocument: buildOpenApiDocument({version: "bench"})});
    const port = await listenOnLoopback(app, 0);
    return {baseUrl: `http://127.0.0.1:${port}`, close: async () => { await app.close(); await engine.dispose(); }};
}

const rows: string[] = [];
const report = (name: string, value: string) => {
    rows.push(`| ${name} | ${value} |`);
    console.log(`${name}: ${value}`);
};

// Single stream, threads 1: in-process vs HTTP, interleaved.
{
    const local = await inProcess(1);
    const server = await startServer(1, 4);
    const a: Sample[] = [];
    const b: Sample[] = [];
    await local();
    await overHttp(server.baseUrl, "bench");
    for (let i = 0; i < rounds; i++) {
        a.push(await local());
        b.push(await overHttp(server.baseUrl, "bench"));
    }
    const localTps = summarize(a.map((s) => s.tokensPerSecond));
    const httpTps = summarize(b.map((s) => s.tokensPerSecond));
    report("in-process decode tok/s", format(localTps, 0));
    report("HTTP SSE decode tok/s", format(httpTps, 0));
    report("HTTP / in-process tok/s", (httpTps.median / localTps.median).toFixed(2) + "×");
    report("in-process TTFT ms", format(summarize(a.map((s) => s.ttftMs)), 2));
    report("HTTP TTFT ms", format(summarize(b.map((s) => s.ttftMs)), 2));

    // Concurrency: N simultaneous streams, aggregate tokens/s.
    for (const clients of [1, 2, 4]) {
        const aggregate: number[] = [];
        for (let i = 0; i < Math.max(2, Math.floor(rounds / 2)); i++) {
            const start = performance.now();
            const results = await Promise.all(Array.from({length: clients}, () => overHttp(server.baseUrl, "bench")));
            const seconds = (performance.now() - start) / 1000;
            aggregate.push(results.length * maxTokens / seconds);
        }
        report(`${clients} concurrent clients, aggregate tok/s`, format(summarize(aggregate), 0));
    }
    await server.close();
}

// Threads 1 vs 2, in-process, interleaved.
{
    const one = await inProcess(1);
    const two = await inProcess(2);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < rounds; i++) {
        a.push((await one()).tokensPerSecond);
        b.push((await two()).tokensPerSecond);
    }
    report("threads 1 tok/s", format(summarize(a), 0));
    report("threads 2 tok/s", format(summarize(b), 0));
    report("threads 2 / threads 1", (summarize(b).median / summarize(a).median).toFixed(2) + "×");
}

console.log(`\n| measure (median, min–max; ${rounds} rounds, ${maxTokens} tokens) | value |\n|---|---|\n${rows.join("\n")}`);
process.exit(0);
