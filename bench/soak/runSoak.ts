import {randomBytes} from "node:crypto";
import {buildOpenApiDocument} from "../../contract/index.js";
import {LlamaEngine} from "../../src/engine/LlamaEngine.js";
import {createServer} from "../../src/server/createServer.js";
import {listenOnLoopback} from "../../src/server/listenOnLoopback.js";

export type RunSoakOptions = {
    /** The GGUF model. */
    modelPath: string,

    /** Requests in all. Default 2 000. */
    requests?: number,

    /** Requests in flight at once. Default 8. */
    concurrency?: number,

    /** Share of requests that are streams the client aborts after a few events, 0–1. Default 0.3. */
    abortShare?: number,

    /** Sequences in the engine's pool. Default 2 (the CI machines have 2 cores). */
    sequences?: number,

    /** Largest RSS growth, in MiB, from the end of the warm-up (the first tenth) to the end. Default 200. */
    maxRssGrowthMiB?: number,

    /** Seed of the request mix, so a failing run can be repeated. Default: random. */
    seed?: number
};

export type SoakResult = {
    requests: number,
    ok: number,
    aborted: number,
    failures: string[],
    pool: {sequences: number, free: number, queued: number},
    rssMiB: {warm: number, end: number},
    durationMs: number,
    seed: number,
    passed: boolean,

    /** One line saying all of the above. */
    summary: string
};

type Kind = "models" | "chat" | "chat-stream" | "completion" | "completion-stream" | "embeddings" | "abort-chat" | "abort-completion";

/** A small deterministic PRNG (mulberry32): the same seed gives the same mix. */
function createRandom(seed: number) {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const prompts = ["Once upon a time", "The little dog", "Lily wanted to", "One day, a bird", "Tom and Sue went"];

/**
 * A bounded load run against a real server on a real model: a mix of every route, streamed and not, a share of
 * streams aborted mid-way by the client. Passes when nothing but the deliberate aborts failed, the sequence pool is
 * whole again at the end, and RSS grew no more than allowed.
 */
export async function runSoak(options: RunSoakOptions): Promise<SoakResult> {
    const total = options.requests ?? 2_000;
    const concurrency = options.concurrency ?? 8;
    const abortShare = options.abortShare ?? 0.3;
    const maxRssGrowthMiB = options.maxRssGrowthMiB ?? 200;
    const seed = options.seed ?? randomBytes(4).readUInt32LE();
    const random = createRandom(seed);

    const engine = await LlamaEngine.load({modelPath: options.modelPath, threads: 1, gpu: "cpu", sequences: options.sequences ?? 2});
    const apiKey = "tholos-soak-" + randomBytes(16).toString("base64url");
    const app = await createServer({engine: () => engine, apiKey: () => apiKey, openApiDocument: buildOpenApiDocument({version: "soak"})});
    const startedAt = performance.now();
    try {
        const base = `http://127.0.0.1:${await listenOnLoopback(app, 0)}/v1`;
        const headers = {authorization: `Bearer ${apiKey}`, "content-type": "application/json"};
        const kinds: Kind[] = Array.from({length: total}, () => {
            if (random() < abortShare) return random() < 0.5 ? "abort-chat" : "abort-completion";
            return (["models", "chat", "chat-stream", "completion", "completion-stream", "embeddings"] as const)[Math.floor(random() * 6)]!;
        });
        const abortAfter = kinds.map(() => 1 + Math.floor(random() * 4));
        const maxTokens = kinds.map(() => 1 + Math.floor(random() * 24));
        const promptOf = (index: number) => prompts[index % prompts.length]!;

        let ok = 0;
        let aborted = 0;
        const failures: string[] = [];
        let warmRss = process.memoryUsage().rss;

        const one = async (index: number) => {
            const kind = kinds[index]!;
            const prompt = promptOf(index);
            const stream = kind.endsWith("stream") || kind.startsWith("abort");
            const path = kind === "models" ? "/models" : kind === "embeddings" ? "/embeddings" : kind.includes("chat") ? "/chat/completions" : "/completions";
            const body = kind === "models" ? undefined
                : kind === "embeddings" ? {input: index % 3 === 0 ? [prompt, prompt + "."] : prompt}
                    : {
                        ...(path === "/chat/completions" ? {messages: [{role: "user", content: prompt}]} : {prompt}),
                        max_tokens: kind.startsWith("abort") ? 200 : maxTokens[index],
                        ...(stream ? {stream: true} : {})
                    };
            const controller = new AbortController();
            try {
                const response = await fetch(base + path, {
                    method: body == null ? "GET" : "POST", headers, signal: controller.signal,
                    body: body == null ? undefined : JSON.stringify(body)
                });
                if (response.status !== 200) {
                    failures.push(`#${index} ${kind}: ${response.status} ${(await response.text()).slice(0, 200)}`);
                    return;
                }
                if (!stream) {
                    await response.json();
                    ok++;
                    return;
                }
                const reader = response.body!.getReader();
                const decoder = new TextDecoder();
                let text = "";
                let events = 0;
                for (let read = await reader.read(); !read.done; read = await reader.read()) {
                    text += decoder.decode(read.value, {stream: true});
                    events = text.split("\n\n").length - 1;
                    if (kind.startsWith("abort") && events >= abortAfter[index]! && !text.includes("data: [DONE]")) {
                        controller.abort();
                        aborted++;
                        return;
                    }
                }
                if (!text.includes("data: [DONE]") || text.includes('"error"')) {
                    failures.push(`#${index} ${kind}: stream ended without [DONE]: ${text.slice(-200)}`);
                    return;
                }
                ok++;
            } catch (error) {
                if (controller.signal.aborted) return;
                failures.push(`#${index} ${kind}: ${(error as Error).message}`);
            }
        };

        let next = 0;
        const warmUntil = Math.max(1, Math.floor(total / 10));
        await Promise.all(Array.from({length: concurrency}, async () => {
            while (next < total) {
                const index = next++;
                await one(index);
                if (index === warmUntil) warmRss = process.memoryUsage().rss;
            }
        }));

        // The last aborts are noticed by the server a moment later; give the pool that moment.
        for (let waited = 0; waited < 5_000 && (engine.load.free < engine.load.sequences || engine.load.queued > 0); waited += 50)
            await new Promise((resolve) => setTimeout(resolve, 50));
        const pool = engine.load;
        const endRss = process.memoryUsage().rss;
        const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
        const durationMs = performance.now() - startedAt;
        const poolWhole = pool.free === pool.sequences && pool.queued === 0;
        const rssBounded = mib(endRss - warmRss) <= maxRssGrowthMiB;
        const passed = failures.length === 0 && poolWhole && rssBounded && ok + aborted === total;
        const summary = `soak ${passed ? "passed" : "FAILED"}: ${total} requests (${ok} ok, ${aborted} aborted by the client, ${failures.length} failed) ` +
            `${concurrency} at a time in ${(durationMs / 1000).toFixed(1)} s; pool ${pool.free}/${pool.sequences} free, ${pool.queued} queued; ` +
            `RSS ${mib(warmRss)} → ${mib(endRss)} MiB (${mib(endRss - warmRss) >= 0 ? "+" : ""}${mib(endRss - warmRss)}, limit +${maxRssGrowthMiB}); seed ${seed}`;
        return {requests: total, ok, aborted, failures, pool, rssMiB: {warm: mib(warmRss), end: mib(endRss)}, durationMs, seed, passed, summary};
    } finally {
        await app.close();
        await engine.dispose();
    }
}
