/**
 * The rules every grammar may use, added on first use. `space` is llama.cpp's bounded whitespace, so a model can't
 * run away with it; `char` is one character of a JSON string (an escape counts as one, and `\u` never names a lone
 * surrogate, so the count matches a validator's); `integer` is plain digits without exponent or leading zeros.
 */
const primitives = {
    "space": `| " " | "\\n" [ \\t]{0,20}`,
    "char": `[^"\\\\\\x7F\\x00-\\x1F\\uD800-\\uDFFF] | "\\\\" (["\\\\/bfnrt] | "u" ([0-9a-cA-CeEfF] [0-9a-fA-F]{3} | [dD] [0-7] [0-9a-fA-F]{2}))`,
    "string": `"\\"" char* "\\""`,
    "integer": `"0" | "-"? [1-9] [0-9]{0,15}`,
    "number": `"-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,16})? ([eE] [-+]? [0-9]{1,2})?`,
    "boolean": `"true" | "false"`,
    "null": `"null"`,
    "value": `object | array | string | number | boolean | null`,
    "object": `"{" space (string space ":" space value ("," space string space ":" space value)* space)? "}"`,
    "array": `"[" space (value ("," space value)* space)? "]"`
} as const;

export type GbnfPrimitive = keyof typeof primitives;

const dependencies: Partial<Record<GbnfPrimitive, GbnfPrimitive[]>> = {
    string: ["char"],
    value: ["object", "array", "string", "number", "boolean", "null"],
    object: ["space", "string", "value"],
    array: ["space", "value"]
};

const maxNameLength = 48;

/** The rules of one GBNF grammar under construction: named from hints, identical bodies shared, `root` first. */
export class GbnfRuleSet {
    private readonly rules = new Map<string, string>();
    private readonly namesByBody = new Map<string, string>();

    /** Adds a rule with `body` (or finds the one that has it) and returns its name, derived from `hint`. */
    public add(hint: string, body: string): string {
        const existing = this.namesByBody.get(body);
        if (existing != null) return existing;
        const name = this.freeName(hint);
        this.rules.set(name, body);
        this.namesByBody.set(body, name);
        return name;
    }

    /** Reserves a name for a rule whose body is defined later, so that rules can refer to it (recursion). */
    public reserve(hint: string): string {
        const name = this.freeName(hint);
        this.rules.set(name, "");
        return name;
    }

    public define(name: string, body: string): void {
        this.rules.set(name, body);
    }

    /** The name of a built-in rule, adding it (and the rules it uses) on first use. */
    public primitive(primitive: GbnfPrimitive): string {
        if (!this.rules.has(primitive)) {
            this.rules.set(primitive, primitives[primitive]);
            this.namesByBody.set(primitives[primitive], primitive);
            for (const dependency of dependencies[primitive] ?? []) this.primitive(dependency);
        }
        return primitive;
    }

    /** Returns a function that undoes every change made to the rules after this call. */
    public checkpoint(): () => void {
        const rules = [...this.rules];
        const namesByBody = [...this.namesByBody];
        return () => {
            this.rules.clear();
            for (const [name, body] of rules) this.rules.set(name, body);
            this.namesByBody.clear();
            for (const [body, name] of namesByBody) this.namesByBody.set(body, name);
        };
    }

    /** The grammar text, one rule per line. */
    public toString(): string {
        const names = [...this.rules.keys()].sort((a, b) => Number(b === "root") - Number(a === "root"));
        return names.map((name) => `${name} ::= ${this.rules.get(name)}\n`).join("");
    }

    private freeName(hint: string): string {
        const base = hint.replace(/[^a-zA-Z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(-maxNameLength).replace(/^-+/, "") || "rule";
        const isFree = (name: string) => !this.rules.has(name) && !Object.hasOwn(primitives, name);
        if (isFree(base)) return base;
        for (let suffix = 2; ; suffix++)
            if (isFree(`${base}-${suffix}`)) return `${base}-${suffix}`;
    }
}
