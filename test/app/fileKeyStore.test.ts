import fs from "node:fs/promises";
import path from "node:path";
import {describe, expect, test} from "vitest";
import {FileKeyStore} from "../../src/app/key/FileKeyStore.js";
import {generateApiKey} from "../../src/app/key/generateApiKey.js";
import {makeTempDir} from "./utils/makeTempDir.js";

describe("FileKeyStore", () => {
    test("writes <dataDir>/api-key with mode 0600 in a 0700 directory, atomically", async () => {
        const dataDir = path.join(await makeTempDir(), "data");
        const store = new FileKeyStore({dataDir});
        const key = generateApiKey();
        await store.write(key);

        expect(store.filePath).toBe(path.join(dataDir, "api-key"));
        expect((await fs.stat(store.filePath)).mode & 0o777).toBe(0o600);
        expect((await fs.stat(dataDir)).mode & 0o777).toBe(0o700);
        expect(await fs.readdir(dataDir)).toEqual(["api-key"]);
        expect(await store.read()).toBe(key);
    });

    test("a missing or empty file reads as null", async () => {
        const store = new FileKeyStore({dataDir: await makeTempDir()});
        expect(await store.read()).toBeNull();
        await fs.writeFile(store.filePath, "\n", {mode: 0o600});
        expect(await store.read()).toBeNull();
    });

    test("a group/world-readable key file is reset to 0600 and reported without the key", async () => {
        const warnings: string[] = [];
        const store = new FileKeyStore({dataDir: await makeTempDir(), onWarning: (m) => warnings.push(m)});
        const key = generateApiKey();
        await fs.writeFile(store.filePath, key + "\n");
        await fs.chmod(store.filePath, 0o644);

        expect(await store.read()).toBe(key);
        expect((await fs.stat(store.filePath)).mode & 0o777).toBe(0o600);
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain("0644");
        expect(warnings[0]).not.toContain(key);

        // already private: no warning the second time
        await store.read();
        expect(warnings).toHaveLength(1);
    });

    test("a throwing warning listener doesn't break reading", async () => {
        const store = new FileKeyStore({dataDir: await makeTempDir(), onWarning: () => { throw new Error("listener broke"); }});
        const key = generateApiKey();
        await fs.writeFile(store.filePath, key, {mode: 0o666});
        await fs.chmod(store.filePath, 0o666);
        expect(await store.read()).toBe(key);
    });

    test("on Windows (no POSIX modes) the mode is left alone", async () => {
        const store = new FileKeyStore({dataDir: await makeTempDir()}, {platform: "win32"});
        await fs.writeFile(store.filePath, "k");
        await fs.chmod(store.filePath, 0o644);
        await store.read();
        expect((await fs.stat(store.filePath)).mode & 0o777).toBe(0o644);
    });

    test("delete removes the file and says whether there was one", async () => {
        const store = new FileKeyStore({dataDir: await makeTempDir()});
        await store.write(generateApiKey());
        expect(await store.delete()).toBe(true);
        expect(await store.delete()).toBe(false);
        expect(await store.read()).toBeNull();
    });

    test("read failures are key_file_failed errors", async () => {
        const store = new FileKeyStore({dataDir: await makeTempDir()});
        await fs.mkdir(store.filePath);
        await expect(store.read()).rejects.toMatchObject({code: "key_file_failed"});
    });
});
