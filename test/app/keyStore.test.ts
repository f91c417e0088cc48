import fs from "node:fs/promises";
import path from "node:path";
import {describe, expect, test} from "vitest";
import {FileKeyStore} from "../../src/app/key/FileKeyStore.js";
import {generateApiKey} from "../../src/app/key/generateApiKey.js";
import {isApiKey} from "../../src/app/key/isApiKey.js";
import {KeychainKeyStore} from "../../src/app/key/KeychainKeyStore.js";
import {KeyStore} from "../../src/app/key/KeyStore.js";
import {KeyStoreError} from "../../src/app/key/KeyStoreError.js";
import {createFakeKeytar, type FakeKeytarBehaviour} from "./utils/createFakeKeytar.js";
import {makeTempDir} from "./utils/makeTempDir.js";

const service = "Tholos AI Local API Server";

async function openWith(behaviour: FakeKeytarBehaviour, {timeoutMs = 50} = {}) {
    const dataDir = await makeTempDir();
    const keytar = createFakeKeytar(behaviour);
    const keychain = new KeychainKeyStore({timeoutMs}, {loadKeytar: async () => keytar});
    const store = await KeyStore.open({dataDir}, {keychain});
    return {dataDir, keytar, store, keyFile: path.join(dataDir, "api-key")};
}

describe("KeyStore with a working keychain", () => {
    test("uses the keychain, creates one key, keeps it, and writes no file", async () => {
        const {dataDir, keytar, store} = await openWith("working");
        expect(store.kind).toBe("keychain");
        expect(store.location).toBe("OS keychain (Tholos AI Local API Server / api-key)");
        expect(store.fallbackReason).toBeNull();

        const key = await store.get();
        expect(isApiKey(key)).toBe(true);
        expect(await store.get()).toBe(key);
        expect(keytar.entries.get(`${service}/api-key`)).toBe(key);
        // the probe entry is cleaned up
        expect([...keytar.entries.keys()]).toEqual([`${service}/api-key`]);
        expect(await fs.readdir(dataDir)).toEqual([]);
        expect(keytar.calls).not.toContain("findCredentials");
    });

    test("concurrent first calls hand out the same key", async () => {
        const {store} = await openWith("working");
        const keys = await Promise.all([store.get(), store.get(), store.get()]);
        expect(new Set(keys).size).toBe(1);
    });

    test("regenerate replaces the stored key", async () => {
        const {keytar, store} = await openWith("working");
        const first = await store.get();
        const second = await store.regenerate();
        expect(second).not.toBe(first);
        expect(isApiKey(second)).toBe(true);
        expect(await store.get()).toBe(second);
        expect(keytar.entries.get(`${service}/api-key`)).toBe(second);
    });

    test("the keychain key wins over an old file key, and the stale file copy is removed", async () => {
        const {keytar, store, keyFile} = await openWith("working");
        const keychainKey = generateApiKey();
        keytar.entries.set(`${service}/api-key`, keychainKey);
        await fs.writeFile(keyFile, generateApiKey(), {mode: 0o600});

        expect(await store.get()).toBe(keychainKey);
        await expect(fs.stat(keyFile)).rejects.toMatchObject({code: "ENOENT"});
    });

    test("a key from an earlier keychain-less run moves into an empty keychain", async () => {
        const {keytar, store, keyFile} = await openWith("working");
        const fileKey = generateApiKey();
        await fs.writeFile(keyFile, fileKey, {mode: 0o600});

        expect(await store.get()).toBe(fileKey);
        expect(keytar.entries.get(`${service}/api-key`)).toBe(fileKey);
        await expect(fs.stat(keyFile)).rejects.toMatchObject({code: "ENOENT"});
    });

    test("a malformed stored key is replaced, with a warning that doesn't quote it", async () => {
        const dataDir = await makeTempDir();
        const keytar = createFakeKeytar("working");
        keytar.entries.set(`${service}/api-key`, "hunter2");
        const warnings: string[] = [];
        const store = await KeyStore.open(
            {dataDir, onWarning: (m) => warnings.push(m)},
            {keychain: new KeychainKeyStore({timeoutMs: 50}, {loadKeytar: async () => keytar})}
        );
        const key = await store.get();
        expect(isApiKey(key)).toBe(true);
        expect(warnings.join("\n")).toMatch(/not in the expected format/);
        expect(warnings.join("\n")).not.toContain("hunter2");
    });
});

describe("KeyStore falls back to the 0600 file", () => {
    test("when every keychain call hangs, the timeout fires fast", async () => {
        const started = performance.now();
        const {dataDir, store, keyFile} = await openWith("hang", {timeoutMs: 50});
        expect(performance.now() - started).toBeLessThan(1000);

        expect(store.kind).toBe("file");
        expect(store.fallbackReason).toMatch(/no keychain service answered.*did not answer within 50 ms/);
        expect(store.location).toBe(`file ${path.join(dataDir, "api-key")} (0600) — ${store.fallbackReason}`);

        const key = await store.get();
        expect(await fs.readFile(keyFile, "utf8")).toBe(key + "\n");
        expect((await fs.stat(keyFile)).mode & 0o777).toBe(0o600);
        expect(await store.get()).toBe(key);
    });

    test("when keychain calls throw", async () => {
        const {store} = await openWith("throw");
        expect(store.kind).toBe("file");
        expect(store.fallbackReason).toMatch(/D-Bus/);
    });

    test("when writes succeed but reads come back empty (no unlocked keyring)", async () => {
        const {keytar, store} = await openWith("forgetful");
        expect(store.kind).toBe("file");
        expect(keytar.calls).toEqual(expect.arrayContaining(["set availability-probe", "get availability-probe"]));
    });

    test("when keytar can't be loaded at all", async () => {
        const dataDir = await makeTempDir();
        const keychain = new KeychainKeyStore({timeoutMs: 50}, {
            loadKeytar: async () => {
                throw new Error("Cannot find module 'keytar'");
            }
        });
        const store = await KeyStore.open({dataDir}, {keychain});
        expect(store.kind).toBe("file");
        expect(store.fallbackReason).toMatch(/keytar is not available/);
    });

    test("when the keychain is switched off, it is not even probed", async () => {
        const dataDir = await makeTempDir();
        const keytar = createFakeKeytar("working");
        const store = await KeyStore.open({dataDir, useKeychain: "never"}, {
            keychain: new KeychainKeyStore({}, {loadKeytar: async () => keytar})
        });
        expect(store.kind).toBe("file");
        expect(store.location).toMatch(/keychain disabled$/);
        expect(keytar.calls).toEqual([]);
    });

    test("regenerate in file mode replaces the file's key", async () => {
        const {store, keyFile} = await openWith("throw");
        const first = await store.get();
        const second = await store.regenerate();
        expect(second).not.toBe(first);
        expect((await fs.readFile(keyFile, "utf8")).trim()).toBe(second);
        expect(await store.get()).toBe(second);
    });

    test("a file key written by another process is picked up (no stale cache)", async () => {
        const {dataDir, store} = await openWith("throw");
        await store.get();
        const other = generateApiKey();
        await new FileKeyStore({dataDir}).write(other);
        expect(await store.get()).toBe(other);
    });
});

describe("KeychainKeyStore", () => {
    test("a call that hangs after a successful probe rejects with key_keychain_timeout, not the key", async () => {
        const {keytar, store} = await openWith("working", {timeoutMs: 30});
        const key = await store.get();
        keytar.behaviour = "hang";

        const started = performance.now();
        const err = await store.regenerate().catch((e: unknown) => e);
        expect(performance.now() - started).toBeLessThan(1000);
        expect(err).toBeInstanceOf(KeyStoreError);
        expect((err as KeyStoreError).code).toBe("key_keychain_timeout");
        expect((err as Error).message).not.toContain(key);
    });

    test("a native error that echoes the key is redacted", async () => {
        const keychain = new KeychainKeyStore({timeoutMs: 50}, {
            loadKeytar: async () => ({
                getPassword: async () => null,
                deletePassword: async () => false,
                setPassword: async (_s, _a, password) => {
                    throw new Error(`could not store ${password}`);
                }
            })
        });
        const key = generateApiKey();
        const err = await keychain.write(key).catch((e: unknown) => e);
        expect((err as KeyStoreError).code).toBe("key_keychain_unavailable");
        expect((err as Error).message).not.toContain(key);
        expect((err as Error).message).toContain("[redacted]");
        expect((err as Error).cause).toBeUndefined();
    });
});
