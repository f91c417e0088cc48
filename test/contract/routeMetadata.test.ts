import {readdir, readFile} from "node:fs/promises";
import type {AppRoute} from "@ts-rest/core";
import {describe, expect, it} from "vitest";
import {apiContract, buildOpenApiDocument} from "../../contract/index.js";
import {routeMetadata} from "../../contract/RouteMetadata.js";
import {officialSchemaNames} from "../support/openAiSchemaValidator.js";

/**
 * Every route carries the metadata the OpenAPI document, the reference, the typed client and the tests read: a route
 * added without samples, or naming an official component or a stream event that doesn't exist, fails here.
 */
const routes = Object.entries(apiContract) as [string, AppRoute][];
const samples = new Set(await readdir(new URL("../../docs/samples/", import.meta.url)));
const document = buildOpenApiDocument({version: "test"});
const anthropicConformance = await readFile(new URL("../clients/anthropicConformance.ts", import.meta.url), "utf8");

describe("contract route metadata", () => {
    it.each(routes)("%s has samples, all of them files of docs/samples/", (_name, route) => {
        const groups = routeMetadata(route).samples;
        expect(groups.length).toBeGreaterThan(0);
        for (const group of groups) {
            expect(group.files.length).toBeGreaterThan(0);
            for (const file of group.files) expect(samples, file).toContain(file);
        }
    });

    it.each(routes)("%s names official components that exist, and a stream event the document has", (_name, route) => {
        const {official, stream} = routeMetadata(route);
        const names = officialSchemaNames(official.api);
        for (const name of [official.response, official.streamEvent, official.error].filter((name) => name != null))
            expect(names, name).toContain(name);
        expect(official.streamEvent != null).toBe(stream != null);
        // Anthropic's names are checked at the type level: the conformance file must compare the contract with each
        if (official.api === "anthropic")
            for (const name of [official.response, official.streamEvent, official.error].filter((name) => name != null))
                expect(anthropicConformance, name).toContain(`Anthropic.${name}>`);
        if (stream != null) expect(Object.keys(document.components?.schemas ?? {})).toContain(stream.event);
    });
});
