import type {ModelBenchResult} from "./runModelBench.js";
import type {Summary} from "./summarize.js";

type Bar = {label: string, value: Summary, kind: "baseline" | "server"};

const colors = {baseline: "#8c96a8", server: "#2f6fde"};
const width = 760;
const labelWidth = 210;
const barHeight = 18;
const gap = 6;

/**
 * The benchmark's chart, one panel per model: decode tokens/s of node-llama-cpp in-process (grey) and of the server
 * (blue), single stream and under concurrency, each bar the median with its min–max as a whisker. Plain SVG, so the
 * bench needs no plotting dependency and the file diffs as text.
 */
export function renderChart(results: readonly ModelBenchResult[], caption: string) {
    const parts: string[] = [];
    let y = 34;
    for (const result of results) {
        const bars: Bar[] = [
            {label: "completions, in-process", value: result.completions.inProcess.tokensPerSecond, kind: "baseline"},
            {label: "completions, HTTP SSE", value: result.completions.http.tokensPerSecond, kind: "server"},
            {label: "chat, in-process", value: result.chat.inProcess.tokensPerSecond, kind: "baseline"},
            {label: "chat, HTTP SSE", value: result.chat.http.tokensPerSecond, kind: "server"},
            ...result.concurrency.flatMap((level): Bar[] => [
                {label: `${Math.min(level.clients, 4)} at once, in-process`, value: level.inProcessTokensPerSecond, kind: "baseline"},
                {label: `${level.clients} client${level.clients === 1 ? "" : "s"}, HTTP aggregate`, value: level.tokensPerSecond, kind: "server"}
            ])
        ];
        const scale = niceCeiling(Math.max(...bars.map((bar) => bar.value.max).filter(Number.isFinite), 1));
        const plotWidth = width - labelWidth - 70;
        const x = (value: number) => labelWidth + (Number.isFinite(value) ? value : 0) / scale * plotWidth;

        parts.push(`<text x="12" y="${y}" class="title">${escapeXml(result.model)} — decode tokens/s (median, min–max)</text>`);
        y += 14;
        for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
            const tickX = x(scale * tick);
            const bottom = y + bars.length * (barHeight + gap);
            parts.push(`<line x1="${tickX}" y1="${y}" x2="${tickX}" y2="${bottom}" class="grid"/>`);
            parts.push(`<text x="${tickX}" y="${bottom + 12}" class="tick">${Number((scale * tick).toFixed(1))}</text>`);
        }
        for (const bar of bars) {
            const middle = y + barHeight / 2;
            parts.push(`<text x="${labelWidth - 8}" y="${middle + 4}" class="label">${escapeXml(bar.label)}</text>`);
            parts.push(`<rect x="${labelWidth}" y="${y}" width="${x(bar.value.median) - labelWidth}" height="${barHeight}" fill="${colors[bar.kind]}"/>`);
            parts.push(`<line x1="${x(bar.value.min)}" y1="${middle}" x2="${x(bar.value.max)}" y2="${middle}" class="whisker"/>`);
            parts.push(`<text x="${Math.max(x(bar.value.median), x(bar.value.max)) + 6}" y="${middle + 4}" class="value">${Math.round(bar.value.median)}</text>`);
            y += barHeight + gap;
        }
        y += 44;
    }
    const height = y;
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">
<style>
.title{font-size:14px;font-weight:600;fill:#1d2330}.label{font-size:12px;fill:#1d2330;text-anchor:end}
.value{font-size:11px;fill:#1d2330}.tick{font-size:10px;fill:#6b7385;text-anchor:middle}
.grid{stroke:#e3e6ec}.whisker{stroke:#1d2330;stroke-width:1.5}.caption{font-size:11px;fill:#6b7385}
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="12" y="16" class="caption">${escapeXml(caption)}</text>
<rect x="${width - 330}" y="6" width="10" height="10" fill="${colors.baseline}"/><text x="${width - 316}" y="15" class="caption">node-llama-cpp in-process</text>
<rect x="${width - 150}" y="6" width="10" height="10" fill="${colors.server}"/><text x="${width - 136}" y="15" class="caption">server</text>
${parts.join("\n")}
</svg>
`;
}

function niceCeiling(value: number) {
    const magnitude = 10 ** Math.floor(Math.log10(value));
    return [1, 2, 2.5, 5, 10].map((step) => step * magnitude).find((candidate) => candidate >= value)!;
}

function escapeXml(text: string) {
    return text.replace(/[<>&"]/g, (character) => ({"<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;"})[character]!);
}
