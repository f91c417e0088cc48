import {readFile} from "node:fs/promises";
import {createRequire} from "node:module";
import {describe, expect, it} from "vitest";

/**
 * The clients the tests import are the current majors users install (the platform issue's list), exactly as
 * test/clients/package.json pins them, and resolve from test/clients — not from the server's own node_modules.
 */
const clients = JSON.parse(await readFile(new URL("./package.json", import.meta.url), "utf8")) as {dependencies: Record<string, string>};
const majors: Record<string, string> = {
    "openai": "7", "ai": "7", "@ai-sdk/openai-compatible": "3", "@ai-sdk/openai": "4", "@langchain/openai": "1",
    "@langchain/core": "1", "@openai/agents": "0", "zod": "4"
};
const require = createRequire(import.meta.url);

describe("test/clients", () => {
    it("pins each client exactly, at the current major", () => {
        for (const [name, major] of Object.entries(majors)) {
            expect(clients.dependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
            expect(clients.dependencies[name]!.split(".")[0], name).toBe(major);
        }
        expect(clients.dependencies["@openai/agents"]!.split(".")[1]).toBe("20");
        expect(clients.dependencies["@langchain/openai"]!.split(".")[1]).toBe("6");
    });

    it("is what a test here imports: the installed copies are the pinned versions, in test/clients/node_modules", async () => {
        for (const name of Object.keys(majors)) {
            const entry = require.resolve(name);
            expect(entry, name).toContain("/test/clients/node_modules/");
            const manifest = entry.slice(0, entry.indexOf(`/node_modules/${name}/`) + `/node_modules/${name}/`.length) + "package.json";
            expect(JSON.parse(await readFile(manifest, "utf8")).version, name).toBe(clients.dependencies[name]);
        }
    });
});
