import {execFile} from "node:child_process";
import fs from "node:fs/promises";
import {promisify} from "node:util";
import {describe, expect, test} from "vitest";
import {isApiKey} from "../../src/app/key/isApiKey.js";
import {KeychainKeyStore} from "../../src/app/key/KeychainKeyStore.js";
import {KeyStore} from "../../src/app/key/KeyStore.js";
import {makeTempDir} from "./utils/makeTempDir.js";

const execFileAsync = promisify(execFile);

const howToRun = "Run the suite inside a throw-away keyring: bash scripts/with-keyring.sh npx vitest run";

/** Reads the entry back through libsecret's own CLI, independently of keytar. */
async function secretToolLookup(): Promise<string> {
    const {stdout} = await execFileAsync(
        "secret-tool",
        ["lookup", "service", KeychainKeyStore.service, "account", KeychainKeyStore.account],
        {timeout: 5000}
    );
    return stdout.trim();
}

// Never skipped quietly: only where scripts/with-keyring.sh found no daemon to start, which the run's end names, and
// never in CI (THOLOS_REQUIRE_ALL_TESTS=1 fails a run that left it out).
describe("the real OS keychain (gnome-keyring through keytar)", {tags: ["keychain"]}, () => {
    test("stores the key where secret-tool finds it, and regenerate replaces it", async () => {
        // This test overwrites the real "api-key" entry, so it refuses to run
        // against a developer's own keyring: with-keyring.sh sets this variable.
        expect(process.env.THOLOS_TEST_KEYCHAIN, `THOLOS_TEST_KEYCHAIN is not set. ${howToRun}`).toBe("1");

        const dataDir = await makeTempDir();
        const store = await KeyStore.open({dataDir});
        expect(store.kind, `No keychain answered: ${store.fallbackReason}. ${howToRun}`).toBe("keychain");
        expect(store.location).toBe("OS keychain (Tholos AI Local API Server / api-key)");

        try {
            const key = await store.get();
            expect(isApiKey(key)).toBe(true);
            expect(await secretToolLookup()).toBe(key);

            // a second store (think: the CLI while the tray runs) sees the same key
            expect(await (await KeyStore.open({dataDir})).get()).toBe(key);

            const regenerated = await store.regenerate();
            expect(regenerated).not.toBe(key);
            expect(await secretToolLookup()).toBe(regenerated);
            expect(await store.get()).toBe(regenerated);

            // nothing fell through to the plaintext file
            expect(await fs.readdir(dataDir)).toEqual([]);
        } finally {
            await new KeychainKeyStore().delete();
        }
        expect(await secretToolLookup().catch(() => "")).toBe("");
    });
});
