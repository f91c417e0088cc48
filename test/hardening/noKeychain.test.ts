import {execFile} from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, test} from "vitest";
import {makeTempDir} from "../app/utils/makeTempDir.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const vitestBin = path.join(root, "node_modules", "vitest", "vitest.mjs");

// A file whose one test needs the keychain, and a quick one that needs nothing.
const keychainFile = "test/app/keychain.test.ts";
const keychainTest = `${keychainFile} > the real OS keychain (gnome-keyring through keytar) > stores the key where secret-tool finds it, and regenerate replaces it`;
const plainFile = "test/app/settingsStore.test.ts";

type Run = {code: number, stdout: string, stderr: string};

/**
 * The wrapper and vitest as `npm test` runs them, on a PATH holding only `node`: no dbus-run-session, no
 * gnome-keyring-daemon, no secret-tool, as on a Mac or in a minimal container.
 */
async function runWithoutDaemon(command: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
    const bin = await makeTempDir();
    await fs.symlink(process.execPath, path.join(bin, "node"));
    const env: NodeJS.ProcessEnv = {NO_COLOR: "1", PATH: bin, ...extraEnv};
    // What this run's own wrapper and vitest set must not leak into the one under test.
    for (const [name, value] of Object.entries(process.env))
        if (!/^(PATH|FORCE_COLOR|DBUS_SESSION_BUS_ADDRESS|VITEST.*|THOLOS_TEST_.*|THOLOS_REQUIRE_ALL_TESTS)$/.test(name) && !(name in env))
            env[name] = value;

    return new Promise((resolve, reject) => {
        execFile("/bin/bash", command, {cwd: root, env, timeout: 120_000}, (error, stdout, stderr) => {
            if (error != null && typeof error.code !== "number") return reject(error);
            resolve({code: typeof error?.code === "number" ? error.code : 0, stdout, stderr});
        });
    });
}

const vitestRun = [process.execPath, vitestBin, "run", keychainFile, plainFile];

describe("npm test without a keychain daemon", () => {
    test("runs every other test and names the one it left out, with why", {timeout: 120_000}, async () => {
        const run = await runWithoutDaemon(["scripts/with-keyring.sh", ...vitestRun]);
        expect(run.stderr).toContain("with-keyring: dbus-run-session gnome-keyring-daemon secret-tool not found");
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(run.stdout).toMatch(/Test Files\s+1 passed \| 1 skipped \(2\)/);
        expect(run.stdout).toMatch(/Tests\s+\d+ passed \| 1 skipped/);
        expect(run.stdout).toContain(`Left out 1 test this machine can't run:\n  ${keychainTest}\n` +
            "      [keychain] needs a keychain daemon: dbus-run-session gnome-keyring-daemon secret-tool not found");
    });

    test("in CI mode the wrapper refuses instead of leaving the keychain tests out", {timeout: 60_000}, async () => {
        const run = await runWithoutDaemon(["scripts/with-keyring.sh", ...vitestRun], {THOLOS_REQUIRE_ALL_TESTS: "1"});
        expect(run.code).toBe(127);
        expect(run.stderr).toContain("THOLOS_REQUIRE_ALL_TESTS=1 needs the keychain tests to run");
        expect(run.stdout).not.toContain("Test Files");
    });

    test("in CI mode a run that left a test out fails, even past the wrapper", {timeout: 120_000}, async () => {
        const run = await runWithoutDaemon(["-c", '"$@"', "bash", ...vitestRun], {
            THOLOS_TEST_NO_KEYCHAIN: "no daemon in this test",
            THOLOS_REQUIRE_ALL_TESTS: "1"
        });
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/Tests\s+\d+ passed \| 1 skipped/);
        expect(run.stdout).toContain(`  ${keychainTest}\n      [keychain] needs a keychain daemon: no daemon in this test`);
        expect(run.stderr).toContain("THOLOS_REQUIRE_ALL_TESTS=1: 1 left out, and this run must run every test.");
    });
});
