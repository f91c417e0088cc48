import net from "node:net";

export type RawResponse = {status: number, headers: Record<string, string>, body: string};

/**
 * Writes `head` (request line and headers, no final blank line) and `body` on a fresh socket, byte for byte — so a
 * test can send what Node's HTTP client refuses to (duplicate or malformed headers) — and parses the answer.
 */
export function sendRaw(options: {port: number, head: string, body?: string | Buffer, timeoutMs?: number}): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
        const socket = net.connect(options.port, "127.0.0.1");
        const chunks: Buffer[] = [];
        const timer = setTimeout(() => {
            socket.destroy();
            reject(new Error(`no answer within ${options.timeoutMs ?? 30_000} ms to ${JSON.stringify(options.head.slice(0, 200))}`));
        }, options.timeoutMs ?? 30_000);
        socket.on("connect", () => {
            socket.write(options.head.replace(/\r?\n?$/, "") + "\r\nConnection: close\r\n\r\n");
            if (options.body != null) socket.write(options.body);
        });
        socket.on("data", (chunk) => chunks.push(chunk));
        // The server may answer and close before reading the whole body; the answer is what counts.
        socket.on("error", () => undefined);
        socket.on("close", () => {
            clearTimeout(timer);
            const text = Buffer.concat(chunks).toString("utf8");
            const split = text.indexOf("\r\n\r\n");
            const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
            if (match == null || split < 0) return reject(new Error(`not an HTTP answer: ${JSON.stringify(text.slice(0, 300))}`));
            const headers: Record<string, string> = {};
            for (const line of text.slice(0, split).split("\r\n").slice(1)) {
                const colon = line.indexOf(":");
                headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
            }
            let body = text.slice(split + 4);
            if (/chunked/i.test(headers["transfer-encoding"] ?? "")) body = unchunk(body);
            resolve({status: Number(match[1]), headers, body});
        });
    });
}

function unchunk(body: string) {
    let out = "";
    let rest = body;
    for (;;) {
        const lineEnd = rest.indexOf("\r\n");
        if (lineEnd < 0) return out;
        const size = parseInt(rest.slice(0, lineEnd), 16);
        if (!(size > 0)) return out;
        // Sizes count bytes; the body was decoded as UTF-8, so slice bytes.
        const bytes = Buffer.from(rest.slice(lineEnd + 2), "utf8");
        out += bytes.subarray(0, size).toString("utf8");
        rest = bytes.subarray(size + 2).toString("utf8");
    }
}
