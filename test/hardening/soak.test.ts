import {expect, test} from "vitest";
import {runSoak} from "../../bench/soak/runSoak.js";
import {testModelPath} from "../support/testModelPath.js";

// The short version of `npm run soak` (SPEC §5): mixed routes, 8 at a time, 30% of requests aborted mid-stream.
test("soak, short: 100 mixed requests, only the deliberate aborts fail, the pool is whole again, RSS bounded", {timeout: 120_000}, async () => {
    const result = await runSoak({modelPath: await testModelPath(), requests: 100});
    console.log(result.summary);
    expect(result.failures).toEqual([]);
    expect(result.ok + result.aborted).toBe(100);
    expect(result.aborted).toBeGreaterThan(10);
    expect(result.pool).toMatchObject({free: result.pool.sequences, queued: 0});
    expect(result.passed).toBe(true);
});
