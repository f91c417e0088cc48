import {readdir, readFile} from "node:fs/promises";
import path from "node:path";
import type {Sample} from "./Sample.js";

/** Every file of the samples folder, by name, sorted so the output is stable. */
export async function readSamples(folder: string): Promise<Map<string, Sample>> {
    const samples = new Map<string, Sample>();
    for (const file of (await readdir(folder)).sort()) {
        const code = await readFile(path.join(folder, file), "utf8");
        samples.set(file, {file, code, ...describe(file)});
    }
    return samples;
}

function describe(file: string): Pick<Sample, "label" | "language"> {
    const extension = path.extname(file);
    const library = /-([a-z-]+)\.[a-z]+$/.exec(file)?.[1];
    switch (extension) {
        case ".sh":
            return {label: file.startsWith("generate-") ? "Shell" : "curl", language: "bash"};
        case ".py":
            return {label: "Python (requests)", language: "python"};
        case ".mjs":
            return {label: `JavaScript (${javascriptLibrary(file)})`, language: "javascript"};
        case ".ts":
            return {label: library === "ts-rest" ? "TypeScript (ts-rest)" : library === "openapi-fetch" ? "TypeScript (openapi-fetch)" : "TypeScript", language: "typescript"};
        default:
            throw new Error(`docs/samples/${file}: no language for "${extension}" files; the reference can't show it.`);
    }
}

/** The library a JavaScript sample uses, from the end of its name (`stream-fetch.mjs`); `openai` unless named. */
function javascriptLibrary(file: string) {
    const libraries: [suffix: string, label: string][] = [["-fetch.mjs", "fetch"], ["-ai-sdk.mjs", "AI SDK"], ["-anthropic.mjs", "@anthropic-ai/sdk"]];
    return libraries.find(([suffix]) => file.endsWith(suffix))?.[1] ?? "openai";
}
