import {describe, expect, it} from "vitest";
import {EngineError} from "../../src/engine/EngineError.js";
import {SequencePool} from "../../src/engine/SequencePool.js";

/** A fake sequence: the tokens its previous request left in it. */
type Fake = {name: string, tokens: number[]};

function createPool(items: Fake[], maxQueue = 1) {
    return new SequencePool<Fake>({
        items,
        maxQueue,
        sharedPrefixLength: (item, tokens) => {
            let length = 0;
            while (length < item.tokens.length && item.tokens[length] === tokens[length]) length++;
            return length;
        },
        cachedLength: (item) => item.tokens.length
    });
}

const range = (from: number, to: number) => Array.from({length: to - from}, (_, i) => from + i);

describe("SequencePool", () => {
    it("hands out the sequence holding the longest prefix of the request", async () => {
        const pool = createPool([{name: "a", tokens: [1, 2, 9]}, {name: "b", tokens: [1, 2, 3, 4]}, {name: "c", tokens: []}]);
        const lease = await pool.acquire({tokens: [1, 2, 3, 4, 5]});
        expect(lease.item.name).toBe("b");
    });

    it("takes an empty sequence rather than evict another conversation it shares only a system prompt with", async () => {
        const system = range(1, 11);
        const conversation = {name: "a", tokens: [...system, ...range(100, 200)]};
        const pool = createPool([conversation, {name: "b", tokens: []}]);
        const lease = await pool.acquire({tokens: [...system, ...range(300, 320)]});
        expect(lease.item.name).toBe("b");
    });

    it("takes the least recently used sequence when none is worth reusing or empty", async () => {
        const a = {name: "a", tokens: range(1, 50)};
        const b = {name: "b", tokens: range(100, 150)};
        const pool = createPool([a, b]);
        (await pool.acquire({tokens: range(1, 60)})).release();
        const lease = await pool.acquire({tokens: range(500, 520)});
        expect(lease.item.name).toBe("b");
    });

    it("queues up to maxQueue requests in order, then refuses with queue_full", async () => {
        const pool = createPool([{name: "a", tokens: []}], 2);
        const first = await pool.acquire();
        const order: string[] = [];
        const second = pool.acquire().then((lease) => {
            order.push("second");
            return lease;
        });
        const third = pool.acquire().then((lease) => {
            order.push("third");
            return lease;
        });
        expect(pool.queuedCount).toBe(2);
        await expect(pool.acquire()).rejects.toMatchObject({code: "queue_full"});

        first.release();
        first.release();
        (await second).release();
        (await third).release();
        expect(order).toEqual(["second", "third"]);
        expect(pool.freeCount).toBe(1);
    });

    it("drops a waiting request whose signal aborts", async () => {
        const pool = createPool([{name: "a", tokens: []}]);
        const lease = await pool.acquire();
        const controller = new AbortController();
        const waiting = pool.acquire({signal: controller.signal});
        controller.abort(new Error("gone"));
        await expect(waiting).rejects.toThrow("gone");
        expect(pool.queuedCount).toBe(0);
        lease.release();
        expect(pool.freeCount).toBe(1);
    });

    it("refuses waiting and new requests once disposed", async () => {
        const pool = createPool([{name: "a", tokens: []}]);
        await pool.acquire();
        const waiting = pool.acquire();
        pool.dispose();
        await expect(waiting).rejects.toBeInstanceOf(EngineError);
        await expect(pool.acquire()).rejects.toMatchObject({code: "engine_disposed"});
    });
});
