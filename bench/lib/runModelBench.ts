import http from "node:http";
import path from "node:path";
import type {Llama} from "node-llama-cpp";
import type {BenchPlan} from "./benchPlan.js";
import {InProcessBaseline, type InProcessTiming} from "./InProcessBaseline.js";
import {measureIdleBaseline} from "./measureIdleBaseline.js";
import {benchApiKey, ServerProcess} from "./ServerProcess.js";
import {streamRequest, type StreamTiming} from "./streamRequest.js";
import {promptFor} from "./benchPrompts.js";
import {sendRequestMix} from "./sendRequestMix.js";
import {summarize, type Summary} from "./summarize.js";

export type PairResult = {
    inProcess: {tokensPerSecond: Summary, ttftMs: Summary},
    http: {tokensPerSecond: Summary, ttftMs: Summary},

    /** Same seed on both sides ⇒ the same text: proof both did the same work. */
    sameText: boolean
};

export type ModelBenchResult = {
    model: string,
    completions: PairResult,
    chat: PairResult,
    concurrency: {clients: number, tokensPerSecond: Summary, ttftMs: Summary, inProcessTokensPerSecond: Summary}[],
    multiTurn: {turns: number, firstTtftMs: Summary, lastTtftMs: Summary},
    memory: {baselineIdleMiB: number, idleMiB: number, peakMiB: number, growth: {requests: number, beforeMiB: number, afterMiB: number}},
    coldStartMs: Summary,
    threads: {one: Summary, two: Summary},

    /** In-process, flash attention off (the CPU default) vs on: decode rate, and time to read a long prompt. */
    flashAttention: {
        off: Summary, on: Summary, promptTokens: number, offPromptMs: Summary, onPromptMs: Summary,
        turns: number, offLastTurnMs: Summary, onLastTurnMs: Summary
    }
};

const conversationTurns = (conversation: number, turns: number) =>
    Array.from({length: turns}, (_, index) => index === 0 ? promptFor(conversation) : `What happened next, in turn ${index + 1}?`);

export type RunModelBenchOptions = {
    llama: Llama,
    modelPath: string,
    threads: number,

    /** What `tholos serve` picks for this model on CPU (`defaultFlashAttention`); both sides use it. */
    flashAttention: boolean | undefined,
    plan: BenchPlan,
    log(line: string): void
};

/** Every measurement of issue #7 on one model: the server in its own process against node-llama-cpp in this one. */
export async function runModelBench(options: RunModelBenchOptions): Promise<ModelBenchResult> {
    const {plan, log, modelPath, threads, flashAttention} = options;
    const model = path.basename(modelPath).replace(/\.gguf$/i, "");
    const sampling = (round: number) => ({temperature: 0.8, seed: 1000 + round});

    const coldStarts: number[] = [];
    for (let i = 0; i < plan.coldStarts; i++) {
        const server = await ServerProcess.start({modelPath, threads});
        coldStarts.push(server.coldStartMs);
        await server.stop();
    }
    const server = await ServerProcess.start({modelPath, threads});
    coldStarts.push(server.coldStartMs);
    const idleMiB = (await server.memoryAtRest()).rssMiB;
    const agent = new http.Agent({keepAlive: true});
    const baseline = await InProcessBaseline.load({llama: options.llama, modelPath, threads, flashAttention});
    try {
        log(`${model}: idle baseline`);
        const baselineIdleMiB = await measureIdleBaseline({modelPath, threads, flashAttention, ...baseline.contextShape});

        const request = (apiPath: "/v1/completions" | "/v1/chat/completions", body: Record<string, unknown>, withAgent = agent) =>
            streamRequest({baseUrl: server.baseUrl, apiKey: benchApiKey, path: apiPath, body, agent: withAgent});

        // One unmeasured request each way: lazy JIT, allocator and page-cache warm-up on both sides.
        await baseline.complete(promptFor(0), {maxTokens: 8, ...sampling(0)});
        await request("/v1/completions", {prompt: promptFor(0), max_tokens: 8, ...sampling(0)});

        log(`${model}: single stream, completions`);
        const completions = await interleave(plan.rounds,
            (round) => baseline.complete(promptFor(round), {maxTokens: plan.tokens, ...sampling(round)}),
            (round) => request("/v1/completions", {prompt: promptFor(round), max_tokens: plan.tokens, ...sampling(round)}));

        log(`${model}: single stream, chat`);
        const chat = await interleave(plan.rounds,
            (round) => baseline.chat([{type: "user", text: promptFor(round)}], {maxTokens: plan.tokens, ...sampling(round)}),
            (round) => request("/v1/chat/completions", {
                messages: [{role: "user", content: promptFor(round)}], max_tokens: plan.tokens, ...sampling(round)
            }));

        const concurrency: ModelBenchResult["concurrency"] = [];
        let peakMiB = idleMiB;
        for (const clients of plan.concurrency) {
            log(`${model}: ${clients} concurrent clients`);
            const agents = Array.from({length: clients}, () => new http.Agent({keepAlive: true}));
            const rates: number[] = [];
            const inProcessRates: number[] = [];
            const ttfts: number[] = [];
            const stopSampling = clients === Math.max(...plan.concurrency) ? server.sampleMemory() : null;
            for (let round = 0; round < plan.concurrencyRounds; round++) {
                const start = performance.now();
                const results = await Promise.all(agents.map((clientAgent, client) => request("/v1/completions", {
                    prompt: promptFor(round * clients + client), max_tokens: plan.tokens, ...sampling(client)
                }, clientAgent)));
                const seconds = (performance.now() - start) / 1000;
                rates.push(results.reduce((sum, result) => sum + result.tokens, 0) / seconds);
                ttfts.push(...results.map((result) => result.ttftMs));
                // node-llama-cpp alone with as many generations at once (at most its 4 sequences): the engine's own ceiling.
                inProcessRates.push(await baseline.completeConcurrently(
                    Array.from({length: Math.min(clients, 4)}, (_, client) => promptFor(round * clients + client)),
                    (client) => ({maxTokens: plan.tokens, ...sampling(client)})));
            }
            if (stopSampling != null) peakMiB = Math.max(peakMiB, await stopSampling());
            for (const clientAgent of agents) clientAgent.destroy();
            concurrency.push({
                clients, tokensPerSecond: summarize(rates), ttftMs: summarize(ttfts), inProcessTokensPerSecond: summarize(inProcessRates)
            });
        }

        log(`${model}: multi-turn conversations`);
        const firstTtfts: number[] = [];
        const lastTtfts: number[] = [];
        for (let conversation = 0; conversation < plan.conversations; conversation++) {
            const messages: {role: "user" | "assistant", content: string}[] = [];
            for (const [index, content] of conversationTurns(conversation, plan.turns).entries()) {
                const turn = index + 1;
                messages.push({role: "user", content});
                const result = await request("/v1/chat/completions", {messages, max_tokens: plan.tokensPerTurn, ...sampling(turn)});
                messages.push({role: "assistant", content: result.text});
                if (turn === 1) firstTtfts.push(result.ttftMs);
                if (turn === plan.turns) lastTtfts.push(result.ttftMs);
            }
        }

        log(`${model}: memory over ${plan.growthRequests} requests`);
        const beforeMiB = (await server.memoryAtRest()).rssMiB;
        await sendRequestMix(request, plan.growthRequests, plan.growthTokens, sampling);
        const afterMiB = (await server.memoryAtRest()).rssMiB;

        log(`${model}: threads 1 vs 2 (in-process)`);
        await baseline.dispose();
        const one = await InProcessBaseline.load({llama: options.llama, modelPath, threads: 1, flashAttention});
        const two = await InProcessBaseline.load({llama: options.llama, modelPath, threads: 2, flashAttention});
        const threadRuns = await interleave(plan.rounds,
            (round) => one.complete(promptFor(round), {maxTokens: plan.tokens, ...sampling(round)}),
            (round) => two.complete(promptFor(round), {maxTokens: plan.tokens, ...sampling(round)}));
        await one.dispose();
        await two.dispose();

        log(`${model}: flash attention off vs on (in-process)`);
        const off = await InProcessBaseline.load({llama: options.llama, modelPath, threads, flashAttention: false});
        const on = await InProcessBaseline.load({llama: options.llama, modelPath, threads, flashAttention: true});
        const decodeRuns = await interleave(plan.rounds,
            (round) => off.complete(promptFor(round), {maxTokens: plan.tokens, ...sampling(round)}),
            (round) => on.complete(promptFor(round), {maxTokens: plan.tokens, ...sampling(round)}));
        // A prompt as long as a 10-turn chat: the first token's time is then mostly reading the prompt.
        const longPrompt = (round: number) => Array.from({length: 12}, (_, index) => promptFor(round + index)).join(" ");
        const promptRuns = await interleave(plan.rounds,
            (round) => off.complete(longPrompt(round), {maxTokens: 1, ...sampling(round)}),
            (round) => on.complete(longPrompt(round), {maxTokens: 1, ...sampling(round)}));
        const promptTokens = off.countTokens(longPrompt(0));
        const turnOptions = (round: number) => ({maxTokens: plan.tokensPerTurn, ...sampling(round)});
        const turnRuns = await interleave(plan.conversations,
            async (round) => ({ttftMs: (await off.conversation(conversationTurns(round, plan.turns), turnOptions(round))).at(-1)!}),
            async (round) => ({ttftMs: (await on.conversation(conversationTurns(round, plan.turns), turnOptions(round))).at(-1)!}));
        await off.dispose();
        await on.dispose();

        return {
            model,
            completions: pair(completions),
            chat: pair(chat),
            concurrency,
            multiTurn: {turns: plan.turns, firstTtftMs: summarize(firstTtfts), lastTtftMs: summarize(lastTtfts)},
            memory: {baselineIdleMiB, idleMiB, peakMiB, growth: {requests: plan.growthRequests, beforeMiB, afterMiB}},
            coldStartMs: summarize(coldStarts),
            threads: {
                one: summarize(threadRuns.a.map((run) => run.decodeTokensPerSecond)),
                two: summarize(threadRuns.b.map((run) => run.decodeTokensPerSecond))
            },
            flashAttention: {
                off: summarize(decodeRuns.a.map((run) => run.decodeTokensPerSecond)),
                on: summarize(decodeRuns.b.map((run) => run.decodeTokensPerSecond)),
                promptTokens,
                offPromptMs: summarize(promptRuns.a.map((run) => run.ttftMs)),
                onPromptMs: summarize(promptRuns.b.map((run) => run.ttftMs)),
                turns: plan.turns,
                offLastTurnMs: summarize(turnRuns.a.map((run) => run.ttftMs)),
                onLastTurnMs: summarize(turnRuns.b.map((run) => run.ttftMs))
            }
        };
    } finally {
        agent.destroy();
        await baseline.dispose().catch(() => undefined);
        await server.stop();
    }
}

type Timing = InProcessTiming | StreamTiming;

/** A B A B …: each round runs both sides back to back, so a noisy moment on the machine hits both alike. */
async function interleave<A, B>(rounds: number, a: (round: number) => Promise<A>, b: (round: number) => Promise<B>) {
    const results = {a: [] as A[], b: [] as B[]};
    for (let round = 0; round < rounds; round++) {
        // Alternate which side goes first too, so neither always runs on a just-warmed cache.
        if (round % 2 === 0) {
            results.a.push(await a(round));
            results.b.push(await b(round));
        } else {
            results.b.push(await b(round));
            results.a.push(await a(round));
        }
    }
    return results;
}

function pair({a, b}: {a: Timing[], b: Timing[]}): PairResult {
    const side = (runs: Timing[]) => ({
        tokensPerSecond: summarize(runs.map((run) => run.decodeTokensPerSecond).filter(Number.isFinite)),
        ttftMs: summarize(runs.map((run) => run.ttftMs))
    });
    return {inProcess: side(a), http: side(b), sameText: a.every((run, index) => run.text === b[index]!.text)};
}
