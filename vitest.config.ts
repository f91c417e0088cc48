import {defineConfig} from "vitest/config";

export default defineConfig({
    test: {
        include: ["test/**/*.test.ts"],
        globalSetup: ["test/support/printRuntime.ts"],
        // Model-backed tests share 2 cores with llama.cpp; files run one at a time so timings stay sane
        fileParallelism: false,
        testTimeout: 60_000,
        hookTimeout: 60_000
    }
});
