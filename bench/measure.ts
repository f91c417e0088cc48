/** Median and range of a list of numbers. */
export function summarize(values: number[]) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    return {median, min: sorted[0]!, max: sorted.at(-1)!, p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!};
}

export function format(summary: ReturnType<typeof summarize>, digits = 1) {
    return `${summary.median.toFixed(digits)} (${summary.min.toFixed(digits)}–${summary.max.toFixed(digits)})`;
}
