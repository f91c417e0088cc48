import fs from "node:fs/promises";
import path from "node:path";
import {describe, expect, test} from "vitest";
import {writeFileAtomic} from "../../src/app/utils/writeFileAtomic.js";
import {makeTempDir} from "./utils/makeTempDir.js";

describe("writeFileAtomic", () => {
    test("replaces the file with the exact mode despite the umask, creating the directory 0700", async () => {
        const dir = path.join(await makeTempDir(), "a", "b");
        const file = path.join(dir, "f");
        const oldUmask = process.umask(0o077);
        try {
            await writeFileAtomic(file, "one", {mode: 0o640});
        } finally {
            process.umask(oldUmask);
        }
        expect((await fs.stat(file)).mode & 0o777).toBe(0o640);
        expect((await fs.stat(dir)).mode & 0o777).toBe(0o700);

        await fs.chmod(file, 0o666);
        await writeFileAtomic(file, "two");
        expect(await fs.readFile(file, "utf8")).toBe("two");
        expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
        expect(await fs.readdir(dir)).toEqual(["f"]);
    });

    test("when the rename fails the temp file is removed and the error surfaces", async () => {
        const dir = await makeTempDir();
        const target = path.join(dir, "target");
        // rename() of a file over a non-empty directory fails on every OS
        await fs.mkdir(target);
        await fs.writeFile(path.join(target, "keep"), "x");

        await expect(writeFileAtomic(target, "data")).rejects.toThrow();
        expect(await fs.readdir(dir)).toEqual(["target"]);
        expect(await fs.readdir(target)).toEqual(["keep"]);
    });
});
