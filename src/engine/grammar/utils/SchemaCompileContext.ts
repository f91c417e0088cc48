import type {GbnfRuleSet} from "./GbnfRuleSet.js";

/** What the per-type compilers need from the compiler running them. */
export type SchemaCompileContext = {
    readonly rules: GbnfRuleSet,

    /**
     * The name of a rule for a value of `schema`, a schema nested inside an object or array (so that a `$ref` back to
     * an enclosing schema is recursion, not left recursion). `path` is where `schema` is, `hint` names its rules.
     */
    visitChild(schema: unknown, path: string, hint: string): string,

    /** Records that the check after generation must enforce `keyword` at `path`. */
    checkAfter(keyword: string, path: string): void,

    /** Refuses the schema; `reason` as in `JsonSchemaGrammarError`. */
    refuse(keyword: string, path: string, reason?: string): never,

    /** Refuses keywords the table refuses and records the check-only ones, for one schema object at `path`. */
    audit(schema: Record<string, unknown>, path: string): void,

    /** The schema a `$ref` at `path` points to and its JSON pointer; refuses remote refs and left recursion. */
    resolveRef(ref: string, path: string): {schema: unknown, path: string}
};
