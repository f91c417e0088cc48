/** Longest line accepted on the control socket; requests and states are a few KiB. */
export const maxControlLineLength = 1024 * 1024;

/**
 * A `data` handler for a utf8 socket that calls `onLine` for each complete newline-terminated line (blank lines
 * skipped), and `onOverflow` once when a line grows past `maxControlLineLength` without ending.
 */
export function splitLines(onLine: (line: string) => void, onOverflow: () => void): (chunk: string) => void {
    let buffer = "";
    let overflowed = false;
    return (chunk) => {
        if (overflowed) return;
        buffer += chunk;
        let index: number;
        while ((index = buffer.indexOf("\n")) >= 0) {
            const line = buffer.slice(0, index);
            buffer = buffer.slice(index + 1);
            if (line.trim() !== "") onLine(line);
        }
        if (buffer.length > maxControlLineLength) {
            overflowed = true;
            buffer = "";
            onOverflow();
        }
    };
}
