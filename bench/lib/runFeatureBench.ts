import http from "node:http";
import path from "node:path";
import {benchApiKey, ServerProcess} from "./ServerProcess.js";
import {streamRequest} from "./streamRequest.js";
import {summarize, type Summary} from "./summarize.js";

export type FeatureBenchResult = {
    model: string,

    /** Streamed completion decode rate without and with `logprobs: 5`, interleaved. */
    logprobs: {off: Summary, on: Summary},

    /** Wall time of four answers to a ≈ 150-token prompt: one request with `n: 4` against four concurrent requests, interleaved. */
    choices: {n4Ms: Summary, separateMs: Summary, tokens: number}
};

export type RunFeatureBenchOptions = {modelPath: string, threads: number, rounds: number, tokens: number, log(line: string): void};

/** The engine v2 figures: what logprobs cost (and that requests without them lost nothing), and n = 4 against 4 requests. */
export async function runFeatureBench(options: RunFeatureBenchOptions): Promise<FeatureBenchResult> {
    const {modelPath, threads, rounds, tokens, log} = options;
    const model = path.basename(modelPath).replace(/\.gguf$/i, "");
    const server = await ServerProcess.start({modelPath, threads});
    const agent = new http.Agent({keepAlive: true});
    try {
        const prompt = "Once upon a time, there was a little girl named Lily.";
        const stream = (round: number, extra: Record<string, unknown>) => streamRequest({
            baseUrl: server.baseUrl, apiKey: benchApiKey, path: "/v1/completions", agent,
            body: {prompt, max_tokens: tokens, temperature: 0.8, seed: 2000 + round, ...extra}
        });
        await stream(0, {});

        log(`${model}: logprobs off vs on`);
        const off: number[] = [];
        const on: number[] = [];
        for (let round = 0; round < rounds; round++) {
            const order = round % 2 === 0 ? [off, on] : [on, off];
            for (const list of order)
                list.push((await stream(round, list === on ? {logprobs: 5} : {})).decodeTokensPerSecond);
        }

        log(`${model}: n = 4 vs 4 requests`);
        // Long enough (≈ 150 tokens) that the choices share the prompt's state rather than each reading it, and new
        // each round, so no sequence holds it from the round before.
        const longPrompt = (round: number) => `Story ${round}. ` + Array.from({length: 6}, () => prompt).join(" ") + " Then";
        const whole = (round: number, body: Record<string, unknown>) =>
            post(server.baseUrl, agent, {prompt: longPrompt(round), max_tokens: tokens, temperature: 0.8, ...body});
        const n4: number[] = [];
        const separate: number[] = [];
        for (let round = 0; round < rounds; round++) {
            const runs = [
                async () => n4.push(await timed(() => whole(2 * round, {n: 4, seed: 3000 + round}))),
                async () => separate.push(await timed(() => Promise.all([0, 1, 2, 3]
                    .map((index) => whole(2 * round + 1, {seed: 3000 + round + index})))))
            ];
            for (const run of round % 2 === 0 ? runs : runs.reverse()) await run();
        }
        return {
            model,
            logprobs: {off: summarize(off.filter(Number.isFinite)), on: summarize(on.filter(Number.isFinite))},
            choices: {n4Ms: summarize(n4), separateMs: summarize(separate), tokens}
        };
    } finally {
        agent.destroy();
        await server.stop();
    }
}

async function timed(run: () => Promise<unknown>) {
    const start = performance.now();
    await run();
    return performance.now() - start;
}

function post(baseUrl: string, agent: http.Agent, body: Record<string, unknown>) {
    const payload = JSON.stringify(body);
    return new Promise<void>((resolve, reject) => {
        const request = http.request(`${baseUrl}/v1/completions`, {
            method: "POST", agent,
            headers: {authorization: `Bearer ${benchApiKey}`, "content-type": "application/json", "content-length": Buffer.byteLength(payload)}
        }, (response) => {
            response.resume();
            response.on("end", () => response.statusCode === 200 ? resolve() : reject(new Error(`completions answered ${response.statusCode}`)));
        });
        request.on("error", reject);
        request.end(payload);
    });
}
