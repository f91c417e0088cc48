import type {Both, PeerBenchResult} from "./runPeerBench.js";
import {formatSummary} from "./summarize.js";
import {atRestMs} from "./ServerProcess.js";

type Target = {ratio: (tholos: number, peer: number) => number, met: (value: number) => boolean, text: string};

/** Issue #17's targets, by model (the large model is the compute-bound one). */
const targets = (large: boolean) => ({
    decode: {ratio: (t: number, p: number) => t / p, met: (value: number) => value >= (large ? 0.95 : 0.85), text: large ? "≥ 0.95×" : "≥ 0.85×"},
    ttft: {ratio: (t: number, p: number) => t / p, met: (value: number) => value <= (large ? 1.2 : 1.5), text: large ? "≤ 1.2×" : "≤ 1.5×"},
    clients4: {ratio: (t: number, p: number) => t / p, met: (value: number) => !large || value >= 0.9, text: large ? "≥ 0.9×" : ""}
}) satisfies Record<string, Target>;

/**
 * Tholos against llama-server, one table per model: both figures ("median (min–max)"), Tholos ÷ llama-server, and
 * ✅/❌ against issue #17's target where it sets one.
 */
export function renderPeerReport(results: readonly PeerBenchResult[], largeModels: ReadonlySet<string>) {
    return results.map((result) => {
        const large = largeModels.has(result.model);
        const goal = targets(large);
        const rows: string[][] = [];
        const both = (measure: string, figure: Both, digits: number, target?: Target) => {
            const ratio = figure.tholos.median / figure.peer.median;
            const met = target == null || target.text === "" ? "" : target.met(ratio) ? " ✅" : " ❌";
            rows.push([measure, formatSummary(figure.peer, digits), formatSummary(figure.tholos, digits), `${ratio.toFixed(2)}×${met}`, target?.text ?? ""]);
        };
        both("streamed completion decode tok/s, defaults", result.decode, 0, goal.decode);
        both("streamed completion TTFT ms", result.ttft, 1, goal.ttft);
        both(`streamed chat TTFT ms after other prompts used every sequence`, result.chatTtftAfterEviction, 1, large ? goal.ttft : undefined);
        for (const level of result.concurrency)
            both(`${level.clients} concurrent streams, aggregate tok/s`, level, 0, level.clients === 4 ? goal.clients4 : undefined);
        for (const {count, decode} of result.threads) both(`decode tok/s, --threads ${count} on both`, decode, 0);
        const one = result.threads.find((entry) => entry.count === 1)?.decode;
        const two = result.threads.find((entry) => entry.count === 2)?.decode;
        if (one != null && two != null) {
            const own = two.tholos.median / one.tholos.median;
            rows.push(["--threads 2 ÷ its own --threads 1", `${(two.peer.median / one.peer.median).toFixed(2)}×`, `${own.toFixed(2)}×${own >= 0.8 ? " ✅" : " ❌"}`, "", "≥ 0.8×"]);
        }
        const idle = result.idleMiB.tholos - result.idleMiB.peer;
        rows.push([`idle RSS MiB after load, ${atRestMs / 1000} s at rest`, result.idleMiB.peer.toFixed(0), result.idleMiB.tholos.toFixed(0), `+${idle.toFixed(0)} MiB${idle <= 40 ? " ✅" : " ❌"}`, "≤ +40 MiB"]);
        const growth = (side: {beforeMiB: number, afterMiB: number}) => side.afterMiB - side.beforeMiB;
        rows.push([`RSS growth over ${result.growth.requests} requests, after ${result.growth.warmUpRequests} to warm up (at rest)`, `${sign(growth(result.growth.peer))} MiB`, `${sign(growth(result.growth.tholos))} MiB`,
            growth(result.growth.tholos) <= 5 ? "✅" : "❌", "≤ 5 MiB"]);
        const cold = result.coldStartMs.tholos.median / result.coldStartMs.peer.median;
        const coldMet = large ? cold <= 2 : result.coldStartMs.tholos.median <= 600;
        rows.push(["cold start ms, spawn → first 200", formatSummary(result.coldStartMs.peer, 0), formatSummary(result.coldStartMs.tholos, 0),
            `${cold.toFixed(2)}×${coldMet ? " ✅" : " ❌"}`, large ? "≤ 2×" : "≤ 600 ms"]);
        return [
            `**${result.model}**`,
            "",
            "| figure | llama-server | Tholos | Tholos ÷ llama-server | target |",
            "|---|---|---|---|---|",
            ...rows.map((row) => `| ${row.join(" | ")} |`)
        ].join("\n");
    }).join("\n\n");
}

const sign = (value: number) => `${value >= 0 ? "+" : ""}${value.toFixed(1)}`;
