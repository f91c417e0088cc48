import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {onTestFinished} from "vitest";

/** A fresh directory under the OS temp dir, removed when the current test finishes. Never the real home. */
export async function makeTempDir(): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tholos-app-test-"));
    onTestFinished(async () => {
        await fs.rm(dir, {recursive: true, force: true});
    });
    return dir;
}
