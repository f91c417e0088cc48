import type {JsonSchema, OpenApiDocument} from "./JsonSchema.js";
import type {Sample} from "./Sample.js";

/** What every section of the reference is rendered from. */
export type ReferenceContext = {
    document: OpenApiDocument,
    samples: ReadonlyMap<string, Sample>,

    /** Named schemas documented in "Request objects", which other tables link to. */
    requestObjects: readonly string[],

    /** The markdown link target of a named schema documented on the page, else `null`. */
    linkFor(name: string): string | null,
    schema(name: string): JsonSchema
};
