import {readFile} from "node:fs/promises";
import {expect, test} from "vitest";
import {bridgeChannels, stateChannel} from "../../tray/bridge/TholosBridge.js";

// Standalone: the sandboxed preload can't import the channel table, so it repeats it; this keeps the copies equal.
test("preload.cts uses exactly main's IPC channels", async () => {
    const source = await readFile(new URL("../../tray/preload.cts", import.meta.url), "utf8");
    const used = [...source.matchAll(/"(tholos:[a-z-]+)"/g)].map((match) => match[1]).sort();
    expect(used).toEqual([...Object.values(bridgeChannels), stateChannel].sort());
    expect(source).toContain(`exposeInMainWorld("tholos"`);
});
