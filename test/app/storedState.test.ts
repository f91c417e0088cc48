import fs from "node:fs/promises";
import path from "node:path";
import {describe, expect, test} from "vitest";
import {StoredState} from "../../src/app/StoredState.js";
import {makeTempDir} from "./utils/makeTempDir.js";

async function openStored(env: NodeJS.ProcessEnv = {}) {
    const dataDir = await makeTempDir();
    return {dataDir, stored: await StoredState.open({dataDir, env, useKeychain: "never"})};
}

describe("StoredState (the CLI when no instance runs)", () => {
    test("summary: Locked without a Business licence, with what is saved and where the key lives", async () => {
        const {stored, dataDir} = await openStored();
        expect(await stored.summary()).toMatchObject({
            status: "Locked — available on the Business edition",
            edition: "personal",
            settings: {enabled: false, port: 8756},
            apiKey: {source: "file", location: `file ${path.join(dataDir, "api-key")} (0600) — keychain disabled`}
        });
    });

    test("enable refuses a non-Business edition and leaves settings.json alone", async () => {
        const {stored, dataDir} = await openStored();
        await expect(stored.enable()).rejects.toMatchObject({code: "edition_locked"});
        await expect(fs.access(path.join(dataDir, "settings.json"))).rejects.toThrow();
    });

    test("port and model are checked before they are saved", async () => {
        const {stored, dataDir} = await openStored();
        await expect(stored.setPort(0)).rejects.toMatchObject({code: "invalid_port"});
        await stored.setPort(9000);

        const text = path.join(dataDir, "notes.gguf");
        await fs.writeFile(text, "not a model");
        await expect(stored.setModel(text)).rejects.toMatchObject({code: "model_load_failed", message: expect.stringContaining("not a GGUF")});
        await expect(stored.setModel(path.join(dataDir, "missing.gguf"))).rejects.toMatchObject({code: "model_load_failed"});

        const model = path.join(dataDir, "model.gguf");
        await fs.writeFile(model, "GGUF…");
        expect(await stored.setModel(model)).toBe(model);
        expect(JSON.parse(await fs.readFile(path.join(dataDir, "settings.json"), "utf8"))).toEqual({port: 9000, modelPath: model});
        await stored.clearModel();
        expect(JSON.parse(await fs.readFile(path.join(dataDir, "settings.json"), "utf8"))).toEqual({port: 9000});
    });

    test("the key: created once, regenerated on request; with THOLOS_API_KEY set, that one, and regenerate says why not", async () => {
        const {stored} = await openStored();
        const first = await stored.key();
        expect((await stored.key()).key).toBe(first.key);
        const regenerated = await stored.regenerateKey();
        expect(regenerated.key).not.toBe(first.key);
        expect((await stored.key()).key).toBe(regenerated.key);

        const {stored: withEnv} = await openStored({THOLOS_API_KEY: "script-key-12345"});
        expect(await withEnv.key()).toEqual({key: "script-key-12345", source: "env", location: "THOLOS_API_KEY environment variable"});
        await expect(withEnv.regenerateKey()).rejects.toMatchObject({code: "key_from_env"});
    });
});
