import type {ReferenceContext} from "./ReferenceContext.js";
import {codeBlock} from "./markdown.js";

/** Opens a group in the markdown, naming its files; the HTML renderer turns the group into tabs. */
export const sampleGroupStart = (files: readonly string[]) => `<!-- samples:${files.join(",")} -->`;
export const sampleGroupEnd = "<!-- /samples -->";

/** The files a group's opening marker names, or `null` for any other line. */
export function parseSampleGroupStart(raw: string): string[] | null {
    return /^<!-- samples:(\S+) -->/.exec(raw)?.[1]!.split(",") ?? null;
}

/** A group of samples, each labelled with its language and file, its code verbatim. */
export function renderSampleGroup(files: readonly string[], context: ReferenceContext) {
    const blocks = files.map((file) => {
        const sample = context.samples.get(file);
        if (sample == null) throw new Error(`A sample group lists docs/samples/${file}, which doesn't exist.`);
        return `**${sample.label}** · \`docs/samples/${file}\`\n\n${codeBlock(sample.language, sample.code)}`;
    });
    return [sampleGroupStart(files), ...blocks, sampleGroupEnd].join("\n\n");
}
