/** A schema and where it is in the client's schema (a JSON pointer), so that errors and checks can name the place. */
export type SchemaPart = {readonly schema: unknown, readonly path: string};

/**
 * Schemas that all apply to one value (the parts of an `allOf`, a `$ref` and its siblings), compiled as their merge.
 * The merged schemas `mergeSchemas` builds hold these where a child schema goes, so each part keeps its own path.
 */
export class SchemaParts {
    public readonly parts: readonly SchemaPart[];

    public constructor(parts: readonly SchemaPart[]) {
        this.parts = parts;
    }
}
