import {Marked, type Token, type TokensList} from "marked";
import type {ReferenceContext} from "./ReferenceContext.js";
import {escapeHtml, highlightCode} from "./highlightCode.js";
import {createSlugger} from "./slugify.js";
import {parseSampleGroupStart, sampleGroupEnd} from "./renderSampleGroup.js";

export type RenderReferenceHtmlOptions = {
    markdown: string,

    /** The page's whole style sheet, inlined: the page loads nothing. */
    css: string,
    context: ReferenceContext
};

type TocEntry = {depth: number, id: string, html: string};

/**
 * `docs/reference.html`, served at `/docs`: the markdown rendered at generation time into one self-contained page
 * (inline CSS, highlighted code, CSS-only tabs; no script, font, image or any other request), so it renders with
 * the network limited to loopback and under `default-src 'none'`.
 */
export function renderReferenceHtml(options: RenderReferenceHtmlOptions) {
    const slug = createSlugger();
    const toc: TocEntry[] = [];
    let title = "";
    const marked = new Marked({
        gfm: true,
        renderer: {
            heading({tokens, depth, text}) {
                const html = this.parser.parseInline(tokens);
                const id = slug(text);
                if (depth === 1) {
                    title = text;
                    return `<h1 id="${id}">${html}</h1>\n`;
                }
                if (depth <= 3) toc.push({depth, id, html});
                return `<h${depth} id="${id}"><a class="anchor" href="#${id}" aria-hidden="true">#</a>${html}</h${depth}>\n`;
            },
            code({text, lang}) {
                return `<pre><code class="hljs">${highlightCode(text, lang)}</code></pre>\n`;
            },
            table({header, rows}) {
                // A "Supported" column gets coloured badges; everything else is plain GFM table output.
                const supportColumn = header.findIndex((cell) => cell.text === "Supported");
                const head = header.map((cell) => `<th>${this.parser.parseInline(cell.tokens)}</th>`).join("");
                const body = rows.map((row) => "<tr>" + row.map((cell, column) => {
                    const html = this.parser.parseInline(cell.tokens);
                    return column === supportColumn
                        ? `<td><span class="support ${supportClass(cell.text)}">${html}</span></td>`
                        : `<td>${html}</td>`;
                }).join("") + "</tr>").join("\n");
                return `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>\n`;
            }
        }
    });

    const tokens = marked.lexer(options.markdown);
    const body: string[] = [];
    for (let index = 0; index < tokens.length; index++) {
        const token = tokens[index]!;
        const group = token.type === "html" ? parseSampleGroupStart(token.raw) : null;
        if (group == null) {
            body.push(marked.parser(asList([token], tokens)));
            continue;
        }
        body.push(renderTabs(group, options.context));
        while (index < tokens.length && !(tokens[index]!.type === "html" && tokens[index]!.raw.startsWith(sampleGroupEnd))) index++;
    }

    const main = decorate(body.join(""));
    const nav = renderNav(toc);
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>
${options.css.trim()}
</style>
</head>
<body>
<header class="topbar"><span class="brand">Tholos AI</span><span class="divider">/</span><span>Local API Server reference</span><span class="version">API ${escapeHtml(options.context.document.info.version)}</span></header>
<div class="layout">
<nav class="sidebar" aria-label="Contents">
${nav}
</nav>
<main class="content">
${main}
</main>
</div>
</body>
</html>
`;
}

function asList(tokens: Token[], source: TokensList): TokensList {
    return Object.assign(tokens, {links: source.links});
}

function renderTabs(files: readonly string[], context: ReferenceContext) {
    // Radio names and ids must be unique on the page; a file is shown once, so its group's first file names it.
    const name = files[0]!.replace(/[^A-Za-z0-9]+/g, "-");
    const inputs = files.map((file, index) => {
        const sample = context.samples.get(file)!;
        const id = `sample-${name}-${index}`;
        return `<input type="radio" name="sample-${name}" id="${id}"${index === 0 ? " checked" : ""}><label for="${id}">${escapeHtml(sample.label)}</label>`;
    });
    const panels = files.map((file) => {
        const sample = context.samples.get(file)!;
        return `<div class="sample"><div class="sample-file">docs/samples/${escapeHtml(file)}</div>` +
            `<pre><code class="hljs">${highlightCode(sample.code, sample.language)}</code></pre></div>`;
    });
    return `<div class="samples">${inputs.join("")}${panels.join("")}</div>\n`;
}

function renderNav(toc: TocEntry[]) {
    const items: string[] = [];
    let open = false;
    for (const entry of toc) {
        if (entry.depth === 2) {
            if (open) items.push("</ul></li>");
            items.push(`<li><a href="#${entry.id}">${entry.html}</a><ul>`);
            open = true;
        } else {
            items.push(`<li><a href="#${entry.id}">${entry.html}</a></li>`);
        }
    }
    if (open) items.push("</ul></li>");
    return `<ul class="toc">${items.join("").replace(/<ul><\/ul>/g, "")}</ul>`;
}

/** Presentation only: method badges and endpoint lines. */
function decorate(html: string) {
    return html
        .replace(/<p><code>(GET|POST|PUT|PATCH|DELETE) (\/[^<]*)<\/code><\/p>/g,
            (_match, method: string, path: string) => `<p class="endpoint"><span class="method ${method.toLowerCase()}">${method}</span><code>${path}</code></p>`)
        .replace(/<td><code>(GET|POST|PUT|PATCH|DELETE)<\/code><\/td>/g,
            (_match, method: string) => `<td><span class="method ${method.toLowerCase()}">${method}</span></td>`);
}

function supportClass(text: string) {
    return text === "Yes" ? "yes" : text === "No" ? "no" : text === "Ignored" ? "ignored" : "partly";
}
