import {readFile} from "node:fs/promises";
import {fileURLToPath} from "node:url";
import {expect, test} from "vitest";

// Standalone: the shipped files the shell and the settings page point at.
const assets = fileURLToPath(new URL("../../tray/assets/", import.meta.url));
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test.each(["off", "waiting", "running", "error"])("tray-%s.png exists at 16 px and @2x at 32 px, and the four differ", async (kind) => {
    for (const [file, size] of [[`tray-${kind}.png`, 16], [`tray-${kind}@2x.png`, 32]] as const) {
        const data = await readFile(assets + file);
        expect(data.subarray(0, 8)).toEqual(png);
        expect([data.readUInt32BE(16), data.readUInt32BE(20)]).toEqual([size, size]);
    }
    const others = ["off", "waiting", "running", "error"].filter((other) => other !== kind);
    const mine = await readFile(assets + `tray-${kind}@2x.png`);
    for (const other of others) expect(mine.equals(await readFile(assets + `tray-${other}@2x.png`))).toBe(false);
});

test("the settings page loads only local files under a strict policy", async () => {
    const html = await readFile(new URL("../../tray/renderer/settings.html", import.meta.url), "utf8");
    const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<script>|style="/);
});
