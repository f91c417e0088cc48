import {execFile} from "node:child_process";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";

/**
 * `bin/tholos.js` on a Node older than `engines` (20.19) says which Node it needs instead of crashing inside a
 * dependency. The old Node is this one made to report an older version before the bin runs (no other binary here).
 */
const bin = fileURLToPath(new URL("../../bin/tholos.js", import.meta.url));

function runBin(args: string[], reportedVersion?: string) {
    const fake = reportedVersion == null ? [] : ["--import", "data:text/javascript," + encodeURIComponent(
        `Object.defineProperty(process, "version", {value: "v${reportedVersion}"});` +
        `Object.defineProperty(process, "versions", {value: {...process.versions, node: "${reportedVersion}"}});`)];
    return new Promise<{code: number, stdout: string, stderr: string}>((resolve) => {
        execFile(process.execPath, [...fake, bin, ...args], {timeout: 30_000}, (error, stdout, stderr) => {
            resolve({code: typeof error?.code === "number" ? error.code : 0, stdout, stderr});
        });
    });
}

describe("tholos on an unsupported Node", () => {
    for (const version of ["20.18.3", "18.20.8", "16.20.2"])
        it(`Node ${version}: exits 1 naming the Node it needs, before loading anything`, async () => {
            const result = await runBin(["serve", "--model", "missing.gguf"], version);
            expect(result).toEqual({
                code: 1, stdout: "",
                stderr: `tholos: needs Node.js 20.19 or newer (24 LTS recommended); this is Node.js v${version}.\n`
            });
        });

    it("Node 20.19 and this Node pass the check", async () => {
        for (const version of ["20.19.0", undefined]) {
            const result = await runBin(["--help"], version);
            expect(result.code).toBe(0);
            expect(result.stdout).toMatch(/^Tholos AI Local API Server\n/);
        }
    });
});
