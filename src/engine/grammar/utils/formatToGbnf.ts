import {CodePointSet} from "./CodePointSet.js";
import {codePointSetToGbnf} from "./codePointSetToGbnf.js";
import type {GbnfRuleSet} from "./GbnfRuleSet.js";
import {integerRangeToGbnf} from "./integerRangeToGbnf.js";

/**
 * The inside of a string of each format, as a GBNF expression that may use the other entries by name (`@date`).
 * Each writes a subset of what ajv-formats' "full" validation accepts (days within their month, no leap-year
 * February 29th, time zones always written, bounded label and segment lengths), so an answer never fails the check.
 */
const formats: Record<string, (rules: GbnfRuleSet) => string> = {
    "date": () => `[0-9]{4} "-" (("0" [13578] | "1" [02]) "-" ("0" [1-9] | [12] [0-9] | "3" [01]) | ("0" [469] | "11") "-" ("0" [1-9] | [12] [0-9] | "30") | "02-" ("0" [1-9] | "1" [0-9] | "2" [0-8]))`,
    "time": () => `([01] [0-9] | "2" [0-3]) ":" [0-5] [0-9] ":" [0-5] [0-9] ("." [0-9]{1,6})? ("Z" | [+\\-] ([01] [0-9] | "2" [0-3]) ":" [0-5] [0-9])`,
    "date-time": (rules) => `${use(rules, "date")} "T" ${use(rules, "time")}`,
    "iso-time": (rules) => use(rules, "time"),
    "iso-date-time": (rules) => use(rules, "date-time"),
    "duration": (rules) => {
        const count = "[0-9]{1,4}";
        const datePart = rules.add("format-duration-date", `${count} "Y" (${count} "M")? (${count} "D")? | ${count} "M" (${count} "D")? | ${count} "D"`);
        const timePart = rules.add("format-duration-time", `${count} "H" (${count} "M")? (${count} "S")? | ${count} "M" (${count} "S")? | ${count} "S"`);
        return `"P" (${datePart} ("T" ${timePart})? | "T" ${timePart} | ${count} "W")`;
    },
    "email": (rules) => `[a-zA-Z0-9_+\\-]{1,32} ("." [a-zA-Z0-9_+\\-]{1,32}){0,3} "@" ${label(rules)} ("." ${label(rules)}){1,3}`,
    "hostname": (rules) => `${label(rules)} ("." ${label(rules)}){0,5}`,
    "ipv4": (rules) => {
        const octet = rules.add("format-ipv4-octet", integerRangeToGbnf(0n, 255n));
        return `${octet} "." ${octet} "." ${octet} "." ${octet}`;
    },
    "ipv6": (rules) => {
        const group = rules.add("format-ipv6-group", "[0-9a-fA-F]{1,4}");
        return `${group} (":" ${group}){7} | "::" (${group} (":" ${group}){0,6})? | ${group} (":" ${group}){0,5} "::" ${group}?`;
    },
    "uuid": () => `[0-9a-fA-F]{8} "-" [0-9a-fA-F]{4} "-" [0-9a-fA-F]{4} "-" [0-9a-fA-F]{4} "-" [0-9a-fA-F]{12}`,
    "uri": (rules) => `("http" | "https") "://" ${use(rules, "hostname")} (":" [0-9]{1,5})? ("/" [a-zA-Z0-9._~\\-]{0,32}){0,4} ("?" [a-zA-Z0-9._~=&\\-]{0,32})? ("#" [a-zA-Z0-9._~\\-]{0,32})?`,
    "uri-reference": (rules) => use(rules, "uri"),
    "url": () => `("http" | "https") "://" [a-z0-9]{1,20} ("." [a-z0-9]{1,20}){0,3} "." [a-z]{2,6} ("/" [a-zA-Z0-9._~\\-]{0,32}){0,4}`,
    "uri-template": () => `[a-zA-Z0-9._~/:\\-]{0,64}`,
    "json-pointer": () => {
        const char = codePointSetToGbnf(CodePointSet.ofChars("~/").complement())!;
        return `("/" (${char} | "~" [01]){0,32}){0,8}`;
    },
    "json-pointer-uri-fragment": () => `"#" ("/" [a-zA-Z0-9_.\\-]{0,32}){0,8}`,
    "relative-json-pointer": (rules) => `("0" | [1-9] [0-9]{0,3}) ("#" | ${use(rules, "json-pointer")})`,
    "regex": () => `[a-zA-Z0-9_ \\-]{0,32}`,
    "byte": () => `([A-Za-z0-9+/]{4}){0,32} ([A-Za-z0-9+/]{2} "==" | [A-Za-z0-9+/]{3} "=")?`,
    "password": (rules) => `${rules.primitive("char")}*`,
    "binary": (rules) => `${rules.primitive("char")}*`
};

/**
 * The name of a rule for the inside (between the quotes) of a JSON string in `format`, or `undefined` for a format
 * with no rule here (one ajv-formats doesn't know either, so nothing checks it: an annotation).
 */
export function formatToGbnf(format: string, rules: GbnfRuleSet): string | undefined {
    if (!Object.hasOwn(formats, format)) return undefined;
    return use(rules, format);
}

function use(rules: GbnfRuleSet, format: string): string {
    return rules.add(`format-${format}`, formats[format]!(rules));
}

/** A hostname label: letters, digits and inner hyphens, at most 32 characters (so six stay within 253). */
function label(rules: GbnfRuleSet): string {
    return rules.add("format-label", `[a-zA-Z0-9] ([a-zA-Z0-9\\-]{0,30} [a-zA-Z0-9])?`);
}
