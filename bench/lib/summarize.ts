export type Summary = {median: number, min: number, max: number, p50: number, p95: number, count: number};

/** Median, range and percentiles of a list of numbers (nearest-rank percentiles). */
export function summarize(values: readonly number[]): Summary {
    if (values.length === 0) return {median: NaN, min: NaN, max: NaN, p50: NaN, p95: NaN, count: 0};
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!;
    return {median, min: sorted[0]!, max: sorted.at(-1)!, p50: percentile(0.5), p95: percentile(0.95), count: sorted.length};
}

/** "median (min–max)". */
export function formatSummary(summary: Summary, digits = 1) {
    return `${summary.median.toFixed(digits)} (${summary.min.toFixed(digits)}–${summary.max.toFixed(digits)})`;
}
