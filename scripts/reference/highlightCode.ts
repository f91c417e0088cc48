import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import typescript from "highlight.js/lib/languages/typescript";

hljs.registerLanguage("bash", bash);
hljs.registerLanguage("javascript", javascript);
hljs.registerLanguage("json", json);
hljs.registerLanguage("python", python);
hljs.registerLanguage("typescript", typescript);

/** Highlighted HTML of `code` (at generation time, so the page needs no script); unknown languages are escaped text. */
export function highlightCode(code: string, language: string | undefined) {
    const text = code.replace(/\n$/, "");
    if (language != null && hljs.getLanguage(language) != null)
        return hljs.highlight(text, {language, ignoreIllegals: true}).value;
    return escapeHtml(text);
}

export function escapeHtml(text: string) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
