import {TholosError} from "../../TholosError.js";

export type JsonSchemaGrammarErrorOptions = {
    /** The keyword at fault, e.g. `not`, or `pattern` for a regex construct the grammar can't express. */
    keyword: string,

    /** Where the keyword is, as a JSON pointer into the schema; `""` is the root. */
    path: string,

    /**
     * What is wrong, worded to be followed by " at <path>", e.g. `uses "pattern" with a lookahead (?=…), which can't
     * be enforced,`. Default: `uses "<keyword>", which can't be enforced,`.
     */
    reason?: string
};

/**
 * A JSON Schema that the grammar can't make a model follow: a keyword that changes what is valid but has no grammar
 * equivalent (`not`, `if`…), a regex construct (lookahead, backreference…), or a schema nothing satisfies. The message
 * names the keyword and where it is; the caller prefixes the request parameter, e.g. `response_format.json_schema.schema`.
 */
export class JsonSchemaGrammarError extends TholosError<"unsupported_json_schema"> {
    public readonly keyword: string;
    public readonly path: string;

    public constructor({keyword, path, reason}: JsonSchemaGrammarErrorOptions) {
        super("unsupported_json_schema", `${reason ?? `uses "${keyword}", which can't be enforced,`} at ${path === "" ? "the root" : path}`);
        this.keyword = keyword;
        this.path = path;
    }
}
