/** A one-line progress bar on a terminal; nothing when the stream isn't one (logs stay clean). */
export function drawProgress(stream: NodeJS.WriteStream, progress: number) {
    if (!stream.isTTY) return;
    const width = 30;
    const filled = Math.round(Math.max(0, Math.min(1, progress)) * width);
    stream.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${Math.round(progress * 100)}%${progress >= 1 ? "\n" : ""}`);
}
