import {readdir, readFile} from "node:fs/promises";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {ErrorResponse} from "../../contract/index.js";
import {errorCatalogue} from "../../src/server/errorCatalogue.js";
import {generateReference} from "../../scripts/reference/generateReference.js";
import {errorExample} from "../../scripts/reference/errorExample.js";
import {parseDescription} from "../../scripts/reference/parseDescription.js";
import {validateAgainstOpenAi} from "../support/openAiSchemaValidator.js";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFile(new URL(path, root), "utf8");

/** The text of an HTML fragment as a browser shows it. */
function textOf(html: string) {
    return html.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, "&");
}

describe("docs/reference.md and docs/reference.html", () => {
    it("equal a fresh generation from openapi.json and docs/samples/ (run `npm run openapi` after changing either)", async () => {
        const fresh = await generateReference({root: fileURLToPath(root)});
        expect(await read("docs/reference.md")).toBe(fresh.markdown);
        expect(await read("docs/reference.html")).toBe(fresh.html);
    });

    it("show every sample verbatim: the text shown is the file the tests run", async () => {
        const markdown = await read("docs/reference.md");
        const html = await read("docs/reference.html");
        const panels = [...html.matchAll(/<div class="sample"><div class="sample-file">docs\/samples\/([^<]+)<\/div><pre><code class="hljs">([\s\S]*?)<\/code><\/pre><\/div>/g)];
        const files = await readdir(new URL("docs/samples/", root));
        expect(panels.map((panel) => panel[1]).sort()).toEqual([...files].sort());
        for (const file of files) {
            const code = (await read(`docs/samples/${file}`)).replace(/\n$/, "");
            expect(markdown, file).toContain("\n" + code + "\n```");
            expect(textOf(panels.find((panel) => panel[1] === file)![2]!), file).toBe(code);
        }
    });

    it("document every request parameter of openapi.json and every error code", async () => {
        const markdown = await read("docs/reference.md");
        const document = JSON.parse(await read("openapi.json"));
        const schemas = document.components.schemas as Record<string, {properties?: Record<string, unknown>}>;
        for (const name of ["CreateChatCompletionRequest", "CreateCompletionRequest", "CreateEmbeddingRequest"])
            for (const parameter of Object.keys(schemas[name]!.properties!))
                expect(markdown, `${name}.${parameter}`).toMatch(new RegExp("^\\| `" + parameter + "` \\|", "m"));
        for (const [code, entry] of Object.entries(errorCatalogue))
            expect(markdown).toMatch(new RegExp("^\\| `" + code + "` \\| `" + entry.status + "` \\|", "m"));
        for (const heading of ["## Endpoints", "## Errors", "## Differences from OpenAI", "## Typed clients", "## Request objects"])
            expect(markdown).toContain(`\n${heading}\n`);
    });

    it("show an error example that is valid against OpenAI's schema and ours", () => {
        validateAgainstOpenAi("ErrorResponse", errorExample);
        expect(ErrorResponse.strict().parse(errorExample)).toEqual(errorExample);
    });

    it("make the page load nothing: no script, stylesheet link, image, font, frame or remote URL in an attribute", async () => {
        const html = await read("docs/reference.html");
        expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|<svg|@import|url\(|@font-face/i);
        expect(html).not.toMatch(/\s(src|srcset|action|poster|data)=/i);
        for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^#/);
    });
});

describe("parseDescription reads the contract's conventions", () => {
    it("takes the default out of the description", () => {
        expect(parseDescription("Sampling temperature, 0–2. 0 is greedy. Default 1.")).toMatchObject({
            text: "Sampling temperature, 0–2. 0 is greedy.", defaultValue: "1", support: "yes"
        });
        expect(parseDescription("Most tokens. Default: until the model stops.")).toMatchObject({text: "Most tokens.", defaultValue: "until the model stops"});
        expect(parseDescription("`float` (default) or `base64`.").defaultValue).toBe("`float`");
        expect(parseDescription("Scale 0.5–2. Default 0.5.").defaultValue).toBe("0.5");
        expect(parseDescription(undefined)).toMatchObject({text: "", defaultValue: null, support: "yes"});
    });

    it("classifies support", () => {
        expect(parseDescription("Not supported: `true` is a 400.").support).toBe("no");
        expect(parseDescription("Deprecated by OpenAI; use `tools`. A 400.").support).toBe("no");
        expect(parseDescription("How many. Only 1 is supported. Default 1.")).toMatchObject({support: "limited", onlyValue: "1"});
        expect(parseDescription("Accepted and ignored: nothing is stored.").support).toBe("ignored");
        expect(parseDescription("Accepted; at most one call is made per turn.").support).toBe("partly");
        expect(parseDescription("Text, or a list of parts of which only `text` parts are supported.").support).toBe("yes");
    });
});
