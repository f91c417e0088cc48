import {runInNewContext} from "node:vm";
import {expect, it} from "vitest";
import {releaseHeapMemory} from "../../src/app/apiHost/releaseHeapMemory.js";

it("hands a fragmented old-generation heap back to the system, without exposing `gc` to anything else", () => {
    // ≈ 100 MB of small objects, kept through many young collections so they are promoted to the old generation.
    // One in a hundred stays alive, on every page: the shape a server's heap has after a busy spell. An ordinary full
    // collection frees the rest but keeps every page (measured: 150 MB committed before and after); only a
    // compacting one gives them back.
    const survivors = (() => {
        const lists = Array.from({length: 400}, (_, i) => Array.from({length: 5000}, (_, j) => ({i, j})));
        return lists.flatMap((list) => list.filter((_, j) => j % 100 === 0));
    })();
    const grown = process.memoryUsage().heapTotal;

    releaseHeapMemory();
    expect(process.memoryUsage().heapTotal).toBeLessThan(grown - 60 * 2 ** 20);
    expect(survivors).toHaveLength(20_000);

    releaseHeapMemory(); // the function is kept: a second call works the same
    expect(typeof (globalThis as {gc?: unknown}).gc).toBe("undefined");
    expect(runInNewContext("typeof gc")).toBe("undefined");
});
