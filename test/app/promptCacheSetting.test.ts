import fs from "node:fs/promises";
import path from "node:path";
import {describe, expect, test} from "vitest";
import {AppCore} from "../../src/app/AppCore.js";
import type {LoadEngine} from "../../src/app/AppCoreDeps.js";
import {createFakeLoader} from "./utils/createFakeEngine.js";
import {makeTempDir} from "./utils/makeTempDir.js";
import {openTestCore} from "./utils/openTestCore.js";

/** A loader that records the options each model load gets. */
function recordingLoader() {
    const loads: Parameters<LoadEngine>[0][] = [];
    const fake = createFakeLoader();
    const load: LoadEngine = async (options) => {
        loads.push(options);
        return fake(options);
    };
    return {loads, load};
}

async function loadWith(options: {settings?: object, session?: {promptCacheMiB?: number}}) {
    const dataDir = await makeTempDir();
    if (options.settings != null) await fs.writeFile(path.join(dataDir, "settings.json"), JSON.stringify(options.settings));
    const {loads, load} = recordingLoader();
    const {core} = await openTestCore({dataDir, session: options.session, deps: {loadEngine: load}});
    const model = path.join(dataDir, "tiny.gguf");
    await fs.writeFile(model, "GGUF fake body");
    await core.loadModel(model);
    return {core, options: loads.at(-1)!};
}

describe("prompt cache size (settings.json promptCacheMiB, serve --prompt-cache)", () => {
    test("absent: the engine chooses (no promptCacheBytes)", async () => {
        const {options} = await loadWith({});
        expect(options.promptCacheBytes).toBeUndefined();
    });

    test("settings.json's MiB reach the engine as bytes; 0 turns the cache off", async () => {
        expect((await loadWith({settings: {promptCacheMiB: 256}})).options.promptCacheBytes).toBe(256 * 1024 * 1024);
        expect((await loadWith({settings: {promptCacheMiB: 0}})).options.promptCacheBytes).toBe(0);
    });

    test("the session value (serve --prompt-cache) overrides the saved one for this run", async () => {
        const {options} = await loadWith({settings: {promptCacheMiB: 256}, session: {promptCacheMiB: 16}});
        expect(options.promptCacheBytes).toBe(16 * 1024 * 1024);
    });

    test("a value out of range is refused in the rule's words: from the session at open, from the file as a settings problem", async () => {
        await expect(AppCore.open({dataDir: await makeTempDir(), env: {}, useKeychain: "never", session: {promptCacheMiB: -1}}))
            .rejects.toMatchObject({code: "invalid_setting", message: expect.stringContaining("The prompt cache must be a whole number of MiB from 0 (off) to 65536")});
        const {core, options} = await loadWith({settings: {promptCacheMiB: 1.5}});
        expect(core.state.settingsProblem).toContain("promptCacheMiB: The prompt cache must be a whole number of MiB");
        expect(options.promptCacheBytes).toBeUndefined();
    });
});
