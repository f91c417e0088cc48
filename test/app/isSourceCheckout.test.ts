import fs from "node:fs/promises";
import path from "node:path";
import {describe, expect, test} from "vitest";
import {isSourceCheckout} from "../../src/app/license/isSourceCheckout.js";
import {makeTempDir} from "./utils/makeTempDir.js";

const plainNode = {env: {}, resourcesPath: undefined};

async function checkout(kind: "git" | "tsconfig+contract" | "tsconfig only" | "empty", parent?: string) {
    const root = parent == null ? await makeTempDir() : parent;
    await fs.mkdir(root, {recursive: true});
    if (kind === "git")
        await fs.mkdir(path.join(root, ".git"));
    if (kind === "tsconfig+contract" || kind === "tsconfig only")
        await fs.writeFile(path.join(root, "tsconfig.json"), "{}");
    if (kind === "tsconfig+contract")
        await fs.mkdir(path.join(root, "contract"));
    return root;
}

describe("isSourceCheckout", () => {
    test("a .git directory, or tsconfig.json plus contract/, marks a checkout", async () => {
        expect(isSourceCheckout(await checkout("git"), plainNode)).toBe(true);
        expect(isSourceCheckout(await checkout("tsconfig+contract"), plainNode)).toBe(true);
    });

    test("an installed package (no markers, or tsconfig.json alone) is not", async () => {
        expect(isSourceCheckout(await checkout("empty"), plainNode)).toBe(false);
        expect(isSourceCheckout(await checkout("tsconfig only"), plainNode)).toBe(false);
    });

    test("THOLOS_PACKAGED=1 wins over the markers", async () => {
        expect(isSourceCheckout(await checkout("git"), {env: {THOLOS_PACKAGED: "1"}, resourcesPath: undefined})).toBe(false);
    });

    test("anything inside an app.asar path is packaged", async () => {
        const root = await checkout("git", path.join(await makeTempDir(), "Resources", "app.asar"));
        expect(isSourceCheckout(root, plainNode)).toBe(false);
    });

    test("a root inside Electron's resourcesPath is packaged; an unpackaged electron dev run is not", async () => {
        const resources = path.join(await makeTempDir(), "Resources");
        const packagedRoot = await checkout("git", path.join(resources, "app"));
        expect(isSourceCheckout(packagedRoot, {env: {}, resourcesPath: resources})).toBe(false);

        const repo = await checkout("git");
        expect(isSourceCheckout(repo, {env: {}, resourcesPath: path.join(repo, "..", "elsewhere", "electron", "dist", "resources")})).toBe(true);
    });

    test("this repository is a source checkout", () => {
        expect(isSourceCheckout(path.resolve(import.meta.dirname, "..", ".."), plainNode)).toBe(true);
    });
});
