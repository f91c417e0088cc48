import type {ReferenceContext} from "./ReferenceContext.js";
import {codeBlock} from "./markdown.js";
import {sampleGroups, type SampleGroupName} from "./sampleGroups.js";

/** Opens a group in the markdown; the HTML renderer turns the group into tabs. */
export const sampleGroupStart = (name: SampleGroupName) => `<!-- samples:${name} -->`;
export const sampleGroupEnd = "<!-- /samples -->";

/** A group of samples, each labelled with its language and file, its code verbatim. */
export function renderSampleGroup(name: SampleGroupName, context: ReferenceContext) {
    const blocks = sampleGroups[name].map((file) => {
        const sample = context.samples.get(file);
        if (sample == null) throw new Error(`The sample group "${name}" lists docs/samples/${file}, which doesn't exist.`);
        return `**${sample.label}** · \`docs/samples/${file}\`\n\n${codeBlock(sample.language, sample.code)}`;
    });
    return [sampleGroupStart(name), ...blocks, sampleGroupEnd].join("\n\n");
}
