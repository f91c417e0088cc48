import {setTimeout as sleep} from "node:timers/promises";
import {describe, expect, it} from "vitest";
import {QuietTimer} from "../../src/server/routes/QuietTimer.js";

/** The keep-alive behind Anthropic streams' periodic `ping` events, on real timers (margins wide for a loaded machine). */
describe("QuietTimer", () => {
    it("fires once per quiet interval from start to stop, and never while touched", async () => {
        let quiet = 0;
        const timer = new QuietTimer(100, () => quiet++);
        timer.start();
        // Touched every 10 ms: never quiet
        const toucher = setInterval(() => timer.touch(), 10);
        await sleep(450);
        clearInterval(toucher);
        expect(quiet).toBe(0);
        // Left alone: about one call per 100 ms
        await sleep(450);
        expect(quiet).toBeGreaterThanOrEqual(2);
        expect(quiet).toBeLessThanOrEqual(5);
        timer.stop();
        const stopped = quiet;
        await sleep(250);
        expect(quiet).toBe(stopped);
    });
});
