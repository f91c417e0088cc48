import {readFile} from "node:fs/promises";
import path from "node:path";
import type {JsonSchema, OpenApiDocument} from "./JsonSchema.js";
import type {ReferenceContext} from "./ReferenceContext.js";
import {readSamples} from "./readSamples.js";
import {renderReferenceHtml} from "./renderReferenceHtml.js";
import {renderReferenceMarkdown} from "./renderReferenceMarkdown.js";
import {apiContract} from "../../contract/apiContract.js";
import {routeMetadata} from "../../contract/RouteMetadata.js";
import {pageSampleGroups} from "./sampleGroups.js";
import {refName} from "./schemaUtils.js";

export type GenerateReferenceOptions = {
    /** The project root: `openapi.json` and `docs/samples/` are read from it. */
    root: string
};

/**
 * `docs/reference.md` and `docs/reference.html` from the committed `openapi.json`, the error catalogue and the
 * files of `docs/samples/` (shown verbatim). `npm run openapi` writes them; a test compares them with a fresh run.
 */
export async function generateReference(options: GenerateReferenceOptions) {
    const document = JSON.parse(await readFile(path.join(options.root, "openapi.json"), "utf8")) as OpenApiDocument;
    const samples = await readSamples(path.join(options.root, "docs", "samples"));
    const css = await readFile(new URL("reference.css", import.meta.url), "utf8");
    checkSampleGroups(samples);

    const schemas = document.components.schemas;
    const requestObjects = findRequestObjects(document);
    const context: ReferenceContext = {
        document,
        samples,
        requestObjects,
        linkFor: (name) => requestObjects.includes(name) ? `#${name.toLowerCase()}` : null,
        schema: (name) => {
            const schema = schemas[name];
            if (schema == null) throw new Error(`openapi.json has no schema "${name}".`);
            return schema;
        }
    };
    const markdown = renderReferenceMarkdown(context);
    return {markdown, html: renderReferenceHtml({markdown, css, context})};
}

/** Every sample is shown exactly once: a file in no group would be shipped undocumented, one in two is a mistake. */
function checkSampleGroups(samples: ReadonlyMap<string, unknown>) {
    const placed: string[] = [
        ...Object.values(apiContract).flatMap((route) => routeMetadata(route).samples.flatMap((group) => group.files)),
        ...Object.values(pageSampleGroups).flat()
    ];
    const twice = placed.filter((file, index) => placed.indexOf(file) !== index);
    const unplaced = [...samples.keys()].filter((file) => !placed.includes(file));
    const missing = placed.filter((file) => !samples.has(file));
    if (twice.length > 0 || unplaced.length > 0 || missing.length > 0)
        throw new Error("The contract routes' sample groups, scripts/reference/sampleGroups.ts and docs/samples/ disagree: " + JSON.stringify({twice, unplaced, missing}));
}

/** The named schemas request bodies use, directly or through one another, in order of first use. */
function findRequestObjects(document: OpenApiDocument) {
    const found: string[] = [];
    const visit = (node: unknown) => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (node == null || typeof node !== "object") return;
        const ref = (node as JsonSchema).$ref;
        if (typeof ref === "string") {
            const name = refName(ref);
            if (found.includes(name)) return;
            found.push(name);
            visit(document.components.schemas[name]);
            return;
        }
        Object.values(node).forEach(visit);
    };
    const bodies: string[] = [];
    for (const methods of Object.values(document.paths))
        for (const operation of Object.values(methods)) {
            const ref = operation.requestBody?.content["application/json"]?.schema.$ref;
            if (ref != null) bodies.push(refName(ref));
        }
    for (const body of bodies) visit(document.components.schemas[body]);
    return found.filter((name) => !bodies.includes(name));
}
