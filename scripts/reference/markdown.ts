/** A markdown table; cells are escaped so a `|` or a line break inside one can't break the row. */
export function table(header: string[], rows: string[][]) {
    const line = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function cell(text: string) {
    return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/** `text` as a fenced code block whose fence can't occur inside it. */
export function codeBlock(language: string, text: string) {
    const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = "`".repeat(Math.max(3, longestRun + 1));
    return `${fence}${language}\n${text.replace(/\n$/, "")}\n${fence}`;
}

export function code(text: string) {
    return "`" + text + "`";
}
