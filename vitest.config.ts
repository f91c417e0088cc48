import {readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {defineConfig} from "vitest/config";
import {LeftOutTestsReporter} from "./test/support/LeftOutTestsReporter.js";

/**
 * Tests that load the real model, a real server, the keychain daemon (or its wrapper), Chromium or the CLI share 2
 * cores with llama.cpp (or one keychain entry): they run one file at a time. Every other test file runs in parallel, first. A file is
 * model-backed when it uses one of those helpers; one missed here only runs in parallel, it can't be skipped.
 */
const serialMarkers = /startTestServer|useSharedLlama|testModelPath|openTestCore|from "node-llama-cpp"|createLlamaModel|utils\/cli\.js|launchChromium|LlamaEngine|serveTrayPages|KeychainKeyStore|KeyStore\.open|THOLOS_TEST_KEYCHAIN|with-keyring\.sh/;

function testFiles(folder: string): string[] {
    return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : testFiles(file);
        return entry.name.endsWith(".test.ts") ? [file] : [];
    });
}
const files = testFiles("test");
const serial = files.filter((file) => serialMarkers.test(readFileSync(file, "utf8")));
const parallel = files.filter((file) => !serial.includes(file));

/**
 * Tags for the tests that need something a machine may lack, each with why it is skipped here (`undefined`: it runs).
 * scripts/with-keyring.sh sets THOLOS_TEST_NO_KEYCHAIN, to what it found missing, when it had no keychain daemon to
 * start (a Mac, a minimal container): the run then skips those tests and names them at the end, and
 * THOLOS_REQUIRE_ALL_TESTS=1 (.ci/run) makes any test left out fail the run.
 */
const noKeychain = process.env.THOLOS_TEST_NO_KEYCHAIN;
const tags: Record<string, {description: string, skippedBecause: string | undefined}> = {
    keychain: {
        description: "talks to the throw-away Secret Service that scripts/with-keyring.sh starts (gnome-keyring on a private D-Bus session)",
        skippedBecause: noKeychain == null ? undefined : `needs a keychain daemon: ${noKeychain}`
    },
    dbus: {
        // On macOS and Windows keytar reaches the user's own keychain, which a test must never write.
        description: "points keytar at a D-Bus session address, which only Linux's keytar uses",
        skippedBecause: process.platform === "linux" ? undefined : `keytar on ${process.platform} doesn't go through D-Bus`
    }
};
const skippedTags = Object.fromEntries(Object.entries(tags).flatMap(([name, tag]) => tag.skippedBecause == null ? [] : [[name, tag.skippedBecause]]));

export default defineConfig({
    test: {
        globalSetup: ["test/support/printRuntime.ts"],
        tags: Object.entries(tags).map(([name, {description}]) => ({name, description, skip: name in skippedTags})),
        reporters: ["default", new LeftOutTestsReporter({skippedTags, requireAll: process.env.THOLOS_REQUIRE_ALL_TESTS === "1"})],
        testTimeout: 60_000,
        hookTimeout: 60_000,
        projects: [
            {extends: true, test: {name: "parallel", include: parallel, sequence: {groupOrder: 0}}},
            {extends: true, test: {name: "model", include: serial, fileParallelism: false, sequence: {groupOrder: 1}}}
        ]
    }
});
