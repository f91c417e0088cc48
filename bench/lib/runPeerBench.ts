import http from "node:http";
import path from "node:path";
import {benchApiKey, ServerProcess} from "./ServerProcess.js";
import {streamRequest, type StreamTiming} from "./streamRequest.js";
import {promptFor} from "./benchPrompts.js";
import {sendRequestMix} from "./sendRequestMix.js";
import {summarize, type Summary} from "./summarize.js";

/** One figure measured on both servers in the same run. */
export type Both = {tholos: Summary, peer: Summary};

export type PeerBenchResult = {
    model: string,
    decode: Both,
    ttft: Both,

    /** A chat prompt asked again after others took every sequence: llama-server restores it from its RAM cache. */
    chatTtftAfterEviction: Both,
    concurrency: ({clients: number} & Both)[],
    idleMiB: {tholos: number, peer: number},
    growth: {requests: number, warmUpRequests: number, tholos: {beforeMiB: number, afterMiB: number}, peer: {beforeMiB: number, afterMiB: number}},
    coldStartMs: Both,

    /** Single-stream decode with the thread count forced on both sides. */
    threads: {count: number, decode: Both}[]
};

export type PeerBenchPlan = {
    rounds: number,
    tokens: number,

    /** Short completions timed to their first token, and chats asked again after eviction, per side. */
    ttftRounds: number,
    evictionRounds: number,
    concurrency: number[],
    concurrencyRounds: number,
    growthRequests: number,
    growthTokens: number,
    coldStarts: number,
    threadCounts: number[]
};

export const peerPlans: Record<"small" | "large" | "quick", PeerBenchPlan> = {
    small: {
        rounds: 9, tokens: 200, ttftRounds: 15, evictionRounds: 6, concurrency: [1, 2, 4, 8], concurrencyRounds: 3,
        growthRequests: 1_000, growthTokens: 8, coldStarts: 3, threadCounts: [1, 2]
    },
    large: {
        rounds: 5, tokens: 48, ttftRounds: 9, evictionRounds: 5, concurrency: [1, 2, 4, 8], concurrencyRounds: 1,
        growthRequests: 1_000, growthTokens: 1, coldStarts: 2, threadCounts: [1, 2]
    },
    quick: {
        rounds: 1, tokens: 8, ttftRounds: 1, evictionRounds: 1, concurrency: [1, 2], concurrencyRounds: 1,
        growthRequests: 10, growthTokens: 2, coldStarts: 1, threadCounts: [1]
    }
};

/**
 * Byte-fallback tokens (ids 3–258 of both bench models' Llama vocabulary) banned on both sides: the random-weight
 * model writes lone bytes that aren't UTF-8, and llama-server 80fb11a then fails the request ("does not match the
 * expected Content-only format"). Both servers get the same bias, so both do the same work.
 */
const noByteTokens = Object.fromEntries(Array.from({length: 256}, (_, index) => [String(index + 3), -100]));

/** A chat long enough that re-reading it shows in the first token's time. */
const longChat = Array.from({length: 10}, (_, index) => promptFor(index)).join(" ");

export type RunPeerBenchOptions = {
    /** The llama-server binary. */
    peer: string,
    modelPath: string,
    plan: PeerBenchPlan,

    /** The shape both servers get: `tholos serve`'s defaults (4 sequences × its context size). */
    sequences: number,
    contextSize: number,
    log(line: string): void
};

/**
 * `tholos serve` against llama.cpp's `llama-server` built from the same llama.cpp source, both in their own process,
 * product defaults on both (threads, flash attention) unless a figure says otherwise, the same client (`node:http`,
 * streamed, temperature 0), interleaved round by round.
 */
export async function runPeerBench(options: RunPeerBenchOptions): Promise<PeerBenchResult> {
    const {plan, log, modelPath} = options;
    const model = path.basename(modelPath).replace(/\.gguf$/i, "");
    const startTholos = (threads?: number) => ServerProcess.start({modelPath, threads});
    const startPeer = (threads?: number) => ServerProcess.startLlamaServer({
        binary: options.peer, modelPath, sequences: options.sequences, contextSize: options.contextSize, threads
    });

    log(`${model} vs llama-server: cold start`);
    const cold = {tholos: [] as number[], peer: [] as number[]};
    const starts = {tholos: startTholos, peer: startPeer};
    for (let i = 0; i < plan.coldStarts; i++)
        for (const side of i % 2 === 0 ? ["tholos", "peer"] as const : ["peer", "tholos"] as const) {
            const server = await starts[side]();
            cold[side].push(server.coldStartMs);
            await server.stop();
        }

    const tholos = await startTholos();
    const peer = await startPeer();
    const agents = {tholos: new http.Agent({keepAlive: true}), peer: new http.Agent({keepAlive: true})};
    try {
        const [tholosIdle, peerIdle] = await Promise.all([tholos.memoryAtRest(), peer.memoryAtRest()]);
        const idleMiB = {tholos: tholosIdle.rssMiB, peer: peerIdle.rssMiB};
        type ApiPath = "/v1/completions" | "/v1/chat/completions";
        const on = (server: ServerProcess, agent: http.Agent) => (apiPath: ApiPath, body: Record<string, unknown>, withAgent = agent) =>
            streamRequest({
                baseUrl: server.baseUrl, apiKey: benchApiKey, path: apiPath, agent: withAgent,
                body: {temperature: 0, logit_bias: noByteTokens, ...body}
            });
        const sides = {tholos: on(tholos, agents.tholos), peer: on(peer, agents.peer)};
        for (const request of Object.values(sides)) await request("/v1/completions", {prompt: promptFor(0), max_tokens: 8});

        log(`${model} vs llama-server: single stream`);
        const single = await interleave(plan.rounds, (side, round) => sides[side]("/v1/completions", {prompt: promptFor(round), max_tokens: plan.tokens}));

        // Timed apart from the decode runs, with more rounds than they take: a median of the bench-80m plan's three
        // decode runs moved by more than the gap it measured (0.61× and 1.28× in two runs an hour apart)
        log(`${model} vs llama-server: time to first token`);
        const firstTokens = await interleave(plan.ttftRounds, (side, round) => sides[side]("/v1/completions", {prompt: promptFor(round), max_tokens: 4}));

        log(`${model} vs llama-server: a chat asked again after other prompts took every sequence`);
        const evicted = await interleave(plan.evictionRounds, async (side, round) => {
            const chat = {messages: [{role: "user", content: `${round}: ${longChat}`}], max_tokens: 2};
            await sides[side]("/v1/chat/completions", chat);
            for (let other = 0; other < options.sequences; other++)
                await sides[side]("/v1/chat/completions", {messages: [{role: "user", content: `${round}.${other}: ${longChat.split("").reverse().join("")}`}], max_tokens: 2});
            return sides[side]("/v1/chat/completions", chat);
        });

        const concurrency: PeerBenchResult["concurrency"] = [];
        for (const clients of plan.concurrency) {
            log(`${model} vs llama-server: ${clients} concurrent clients`);
            const rates = {tholos: [] as number[], peer: [] as number[]};
            for (let round = 0; round < plan.concurrencyRounds; round++)
                for (const side of round % 2 === 0 ? ["tholos", "peer"] as const : ["peer", "tholos"] as const) {
                    const clientAgents = Array.from({length: clients}, () => new http.Agent({keepAlive: true}));
                    const start = performance.now();
                    const results = await Promise.all(clientAgents.map((agent, client) =>
                        sides[side]("/v1/completions", {prompt: promptFor(round * clients + client), max_tokens: plan.tokens}, agent)));
                    rates[side].push(results.reduce((sum, result) => sum + result.tokens, 0) / ((performance.now() - start) / 1000));
                    for (const agent of clientAgents) agent.destroy();
                }
            concurrency.push({clients, tholos: summarize(rates.tholos), peer: summarize(rates.peer)});
        }

        log(`${model} vs llama-server: memory over ${plan.growthRequests} requests after ${plan.growthRequests} to warm up`);
        const growth = {requests: plan.growthRequests, warmUpRequests: plan.growthRequests} as PeerBenchResult["growth"];
        for (const [side, server] of [["tholos", tholos], ["peer", peer]] as const) {
            // The same mix first, unmeasured: the target is growth after warm-up (the first requests grow allocators,
            // caches and V8's heap to their working size); a leak still shows in the second window.
            await sendRequestMix(sides[side], plan.growthRequests, plan.growthTokens);
            const beforeMiB = (await server.memoryAtRest()).rssMiB;
            await sendRequestMix(sides[side], plan.growthRequests, plan.growthTokens);
            growth[side] = {beforeMiB, afterMiB: (await server.memoryAtRest()).rssMiB};
        }

        const pair = (results: {tholos: StreamTiming[], peer: StreamTiming[]}, pick: (timing: StreamTiming) => number) =>
            ({tholos: summarize(results.tholos.map(pick).filter(Number.isFinite)), peer: summarize(results.peer.map(pick).filter(Number.isFinite))});
        const result: PeerBenchResult = {
            model,
            decode: pair(single, (timing) => timing.decodeTokensPerSecond),
            ttft: pair(firstTokens, (timing) => timing.ttftMs),
            chatTtftAfterEviction: pair(evicted, (timing) => timing.ttftMs),
            concurrency,
            idleMiB,
            growth,
            coldStartMs: {tholos: summarize(cold.tholos), peer: summarize(cold.peer)},
            threads: []
        };
        agents.tholos.destroy();
        agents.peer.destroy();
        await tholos.stop();
        await peer.stop();

        for (const count of plan.threadCounts) {
            log(`${model} vs llama-server: --threads ${count} on both`);
            const forced = {tholos: await startTholos(count), peer: await startPeer(count)};
            const forcedAgents = {tholos: new http.Agent({keepAlive: true}), peer: new http.Agent({keepAlive: true})};
            const forcedSides = {tholos: on(forced.tholos, forcedAgents.tholos), peer: on(forced.peer, forcedAgents.peer)};
            for (const request of Object.values(forcedSides)) await request("/v1/completions", {prompt: promptFor(0), max_tokens: 8});
            const runs = await interleave(plan.rounds, (side, round) => forcedSides[side]("/v1/completions", {prompt: promptFor(round), max_tokens: plan.tokens}));
            result.threads.push({count, decode: pair(runs, (timing) => timing.decodeTokensPerSecond)});
            forcedAgents.tholos.destroy();
            forcedAgents.peer.destroy();
            await forced.tholos.stop();
            await forced.peer.stop();
        }
        return result;
    } finally {
        agents.tholos.destroy();
        agents.peer.destroy();
        await tholos.stop().catch(() => undefined);
        await peer.stop().catch(() => undefined);
    }
}

/** Round by round, both sides back to back, alternating which goes first. */
async function interleave<T>(rounds: number, run: (side: "tholos" | "peer", round: number) => Promise<T>) {
    const results = {tholos: [] as T[], peer: [] as T[]};
    for (let round = 0; round < rounds; round++)
        for (const side of round % 2 === 0 ? ["tholos", "peer"] as const : ["peer", "tholos"] as const)
            results[side].push(await run(side, round));
    return results;
}
