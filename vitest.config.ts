import {readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {defineConfig} from "vitest/config";

/**
 * Tests that load the real model, a real server, the keychain daemon, Chromium or the CLI share 2 cores with llama.cpp
 * (or one keychain entry): they run one file at a time. Every other test file runs in parallel, first. A file is
 * model-backed when it uses one of those helpers; one missed here only runs in parallel, it can't be skipped.
 */
const serialMarkers = /startTestServer|useSharedLlama|testModelPath|openTestCore|from "node-llama-cpp"|createLlamaModel|utils\/cli\.js|launchChromium|LlamaEngine|serveTrayPages|KeychainKeyStore|KeyStore\.open|THOLOS_TEST_KEYCHAIN/;

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

export default defineConfig({
    test: {
        globalSetup: ["test/support/printRuntime.ts"],
        testTimeout: 60_000,
        hookTimeout: 60_000,
        projects: [
            {extends: true, test: {name: "parallel", include: parallel, sequence: {groupOrder: 0}}},
            {extends: true, test: {name: "model", include: serial, fileParallelism: false, sequence: {groupOrder: 1}}}
        ]
    }
});
