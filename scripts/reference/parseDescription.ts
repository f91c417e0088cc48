/** How far the server honours a request parameter, as its description in the contract says. */
export type ParameterSupport = "yes" | "partly" | "ignored" | "limited" | "no";

export type ParsedDescription = {
    /** The description without the sentence giving the default (which has a column of its own). */
    text: string,

    /** The default, when the description states one (`Default 1.`, `Default: none.`, `` `float` (default) ``). */
    defaultValue: string | null,
    support: ParameterSupport,

    /** For `limited`: the one accepted value, e.g. "1" from "Only 1 is supported." */
    onlyValue: string | null
};

/**
 * Reads the conventions the contract's descriptions follow, so defaults and support are written once (in
 * `contract/schemas/`) and the published spec and the reference cannot disagree:
 * - "Default X." / "Default: X." states the default;
 * - "Not supported…" or "…a 400." marks a parameter the server refuses;
 * - "Only X is supported." a parameter with one accepted value; "Accepted and ignored." one without effect;
 *   "Accepted; …" one honoured in part.
 */
export function parseDescription(description: string | undefined): ParsedDescription {
    let text = (description ?? "").trim();
    let defaultValue: string | null = null;

    const sentence = /(?:^|\s)Default:? (.+?)\.(?=\s|$)/.exec(text);
    if (sentence != null) {
        defaultValue = sentence[1]!;
        text = (text.slice(0, sentence.index) + text.slice(sentence.index + sentence[0].length)).trim();
    } else {
        const marked = /`([^`]+)` \(default\)/.exec(text);
        if (marked != null) defaultValue = "`" + marked[1] + "`";
    }

    const only = /(?:^|\.\s)Only (.+?) (?:is|are) supported\./.exec(text);
    const support: ParameterSupport =
        /^Not supported\b/.test(text) || /\bA 400\.$/.test(text) ? "no"
            : only != null ? "limited"
                : /^Accepted and ignored\b/.test(text) ? "ignored"
                    : /^Accepted;/.test(text) ? "partly"
                        : "yes";
    return {text, defaultValue, support, onlyValue: only?.[1] ?? null};
}
