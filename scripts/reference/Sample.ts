/** One file of `docs/samples/`, shown verbatim in the reference and run by `test/docs/samples.test.ts`. */
export type Sample = {
    /** The file name, e.g. `chat.py`. */
    file: string,

    /** The tab label: `curl`, `Python`, `JavaScript (openai)`… */
    label: string,

    /** The code fence's language. */
    language: "bash" | "python" | "javascript" | "typescript",

    /** The file's exact text. */
    code: string
};
