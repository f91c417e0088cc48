/** `1 response`, `3 responses`. */
export function describeResponseCount(count: number): string {
    return `${count} ${count === 1 ? "response" : "responses"}`;
}
