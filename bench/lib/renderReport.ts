import type {ModelBenchResult, PairResult} from "./runModelBench.js";
import {formatSummary, type Summary} from "./summarize.js";
import {atRestMs} from "./ServerProcess.js";

type Row = {measure: string, values: string[], target?: string};

const ratio = (value: number) => `${value.toFixed(2)}×`;
const check = (met: boolean) => met ? " ✅" : " ❌";

/**
 * The results as one Markdown table: a column per model, each figure "median (min–max)", the ratios the targets of
 * issue #7 are stated in, and ✅/❌ against each target. `largeModels` names the models held to the 0.98× target.
 */
export function renderReport(results: readonly ModelBenchResult[], largeModels: ReadonlySet<string>) {
    const rows: Row[] = [];
    const each = (measure: string, value: (result: ModelBenchResult) => string, target?: string) =>
        rows.push({measure, values: results.map(value), target});

    for (const [name, key] of [["completions", "completions"], ["chat", "chat"]] as const) {
        const pair = (result: ModelBenchResult): PairResult => result[key];
        each(`${name}: decode tok/s, in-process`, (result) => formatSummary(pair(result).inProcess.tokensPerSecond, 0));
        each(`${name}: decode tok/s, HTTP SSE`, (result) => formatSummary(pair(result).http.tokensPerSecond, 0));
        each(`${name}: HTTP ÷ in-process tok/s`, (result) => {
            const value = pair(result).http.tokensPerSecond.median / pair(result).inProcess.tokensPerSecond.median;
            return ratio(value) + check(value >= (largeModels.has(result.model) ? 0.98 : 0.95));
        }, "≥ 0.95× (≥ 0.98× on the large model)");
        each(`${name}: TTFT ms, in-process`, (result) => formatSummary(pair(result).inProcess.ttftMs, 2));
        each(`${name}: TTFT ms, HTTP SSE`, (result) => formatSummary(pair(result).http.ttftMs, 2));
        each(`${name}: added median TTFT ms`, (result) => {
            const added = pair(result).http.ttftMs.median - pair(result).inProcess.ttftMs.median;
            return added.toFixed(2) + check(added <= 1.5);
        }, "≤ 1.5 ms");
        each(`${name}: same seed ⇒ same text on both sides`, (result) => pair(result).sameText ? "yes" : "no");
    }

    const levels = [...new Set(results.flatMap((result) => result.concurrency.map((level) => level.clients)))];
    for (const clients of levels) {
        const level = (result: ModelBenchResult) => result.concurrency.find((candidate) => candidate.clients === clients);
        each(`${clients} concurrent clients: aggregate tok/s`, (result) => optional(level(result)?.tokensPerSecond, 0));
        each(`${clients} at once in-process (≤ 4 sequences): aggregate tok/s`, (result) => optional(level(result)?.inProcessTokensPerSecond, 0));
        each(`${clients} concurrent clients: TTFT ms p50 / p95`, (result) => {
            const ttft = level(result)?.ttftMs;
            return ttft == null ? "—" : `${ttft.p50.toFixed(1)} / ${ttft.p95.toFixed(1)}`;
        });
    }
    if (levels.includes(4))
        each("4 clients ÷ single-stream in-process tok/s", (result) => {
            const four = result.concurrency.find((level) => level.clients === 4)!.tokensPerSecond.median;
            const value = four / result.completions.inProcess.tokensPerSecond.median;
            return ratio(value) + check(value >= 1.5);
        }, "≥ 1.5×");
    if (levels.includes(4))
        each("node-llama-cpp alone: 4 at once ÷ single stream", (result) => {
            const four = result.concurrency.find((level) => level.clients === 4)!.inProcessTokensPerSecond.median;
            return ratio(four / result.completions.inProcess.tokensPerSecond.median);
        }, "(the engine's ceiling)");

    each("multi-turn: TTFT ms at turn 1", (result) => formatSummary(result.multiTurn.firstTtftMs, 1));
    each("multi-turn: TTFT ms at the last turn", (result) => `${formatSummary(result.multiTurn.lastTtftMs, 1)} (turn ${result.multiTurn.turns})`);
    each("multi-turn: last ÷ first turn TTFT", (result) => {
        const value = result.multiTurn.lastTtftMs.median / result.multiTurn.firstTtftMs.median;
        return ratio(value) + check(value <= 1.5);
    }, "≤ 1.5×");

    each("idle RSS MiB: node-llama-cpp + model alone", (result) => result.memory.baselineIdleMiB.toFixed(0));
    each(`idle RSS MiB: server, ${atRestMs / 1000} s at rest`, (result) => result.memory.idleMiB.toFixed(0));
    each("idle RSS: server − baseline MiB", (result) => {
        const added = result.memory.idleMiB - result.memory.baselineIdleMiB;
        return added.toFixed(1) + check(added <= 20);
    }, "≤ 20 MiB");
    each("peak RSS MiB under the most clients", (result) => result.memory.peakMiB.toFixed(0));
    each("RSS growth over the request run", (result) => {
        const {beforeMiB, afterMiB, requests} = result.memory.growth;
        const growth = (afterMiB - beforeMiB) / beforeMiB;
        return `${(growth * 100).toFixed(1)}% (${beforeMiB.toFixed(0)} → ${afterMiB.toFixed(0)} MiB, ${requests} requests)${check(growth <= 0.05)}`;
    }, "≤ 5% over 1,000");
    each("cold start ms: spawn → first 200", (result) => formatSummary(result.coldStartMs, 0));
    each("threads 1: decode tok/s (in-process)", (result) => formatSummary(result.threads.one, 0));
    each("threads 2: decode tok/s (in-process)", (result) => formatSummary(result.threads.two, 0));
    each("threads 2 ÷ threads 1", (result) => ratio(result.threads.two.median / result.threads.one.median));
    each("flash attention off: decode tok/s (in-process)", (result) => formatSummary(result.flashAttention.off, 0));
    each("flash attention on: decode tok/s (in-process)", (result) => formatSummary(result.flashAttention.on, 0));
    each("flash attention on ÷ off, decode", (result) => ratio(result.flashAttention.on.median / result.flashAttention.off.median));
    each("long prompt read ms, flash attention off", (result) =>
        `${formatSummary(result.flashAttention.offPromptMs, 1)} (${result.flashAttention.promptTokens} tokens)`);
    each("long prompt read ms, flash attention on", (result) => formatSummary(result.flashAttention.onPromptMs, 1));
    each("chat TTFT ms at the last turn, flash attention off", (result) =>
        `${formatSummary(result.flashAttention.offLastTurnMs, 1)} (turn ${result.flashAttention.turns})`);
    each("chat TTFT ms at the last turn, flash attention on", (result) => formatSummary(result.flashAttention.onLastTurnMs, 1));

    const header = `| measure | ${results.map((result) => result.model).join(" | ")} | target |`;
    const divider = `|---|${results.map(() => "---|").join("")}---|`;
    return [header, divider, ...rows.map((row) => `| ${row.measure} | ${row.values.join(" | ")} | ${row.target ?? ""} |`)].join("\n");
}

function optional(summary: Summary | undefined, digits: number) {
    return summary == null ? "—" : formatSummary(summary, digits);
}
