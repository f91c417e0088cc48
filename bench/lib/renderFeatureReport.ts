import {formatSummary} from "./summarize.js";
import type {FeatureBenchResult} from "./runFeatureBench.js";

/** The engine v2 rows of docs/performance.md: logprobs' cost, and n = 4 against 4 separate requests. */
export function renderFeatureReport(results: readonly FeatureBenchResult[]) {
    const rows = results.flatMap((result) => [
        `| ${result.model} | completions decode tok/s, logprobs off / \`logprobs: 5\` | ${formatSummary(result.logprobs.off)} | ` +
        `${formatSummary(result.logprobs.on)} | ${(result.logprobs.on.median / result.logprobs.off.median).toFixed(2)}× |`,
        `| ${result.model} | 4 answers of ${result.choices.tokens} tokens to a ≈ 150-token prompt, ms: one \`n: 4\` request / 4 concurrent requests | ` +
        `${formatSummary(result.choices.n4Ms, 0)} | ${formatSummary(result.choices.separateMs, 0)} | ` +
        `${(result.choices.separateMs.median / result.choices.n4Ms.median).toFixed(2)}× |`
    ]);
    return ["| model | figure | A | B | B ÷ A (logprobs) / A's speed-up |", "|---|---|---|---|---|", ...rows].join("\n");
}
