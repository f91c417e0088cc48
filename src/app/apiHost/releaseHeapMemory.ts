import {setFlagsFromString} from "node:v8";
import {runInNewContext} from "node:vm";

type CollectGarbage = (options: {type: "major", flavor: "last-resort"}) => void;
let collectGarbage: CollectGarbage | undefined;

/**
 * A full, compacting collection that returns V8's free heap pages to the system: the one V8 runs under memory pressure
 * (`flavor: "last-resort"`; a V8 without the option runs a plain full collection, which keeps every page that still
 * holds a live object). It takes 40–70 ms of the JS thread and drops compiled code too, so the next request runs a
 * little colder: it runs only when the server is quiet (startApiServer).
 *
 * V8's own memory reducer would do this when the process goes idle, but it judges idleness by the allocation rate it
 * measured at the last collection, which stays "high" when nothing runs, so it waits for its 100 s watchdog; until then
 * a server keeps the heap its busiest moment grew (docs/performance.md, "RSS growth").
 */
export function releaseHeapMemory() {
    if (collectGarbage == null) {
        // `gc` without starting Node with --expose-gc (the CLI, the tray and tests all start it differently): a
        // context made while the flag is set gets the function. Turned off again, so no other context ever has it.
        setFlagsFromString("--expose-gc");
        try {
            collectGarbage = runInNewContext("gc") as CollectGarbage;
        } finally {
            setFlagsFromString("--no-expose-gc");
        }
    }
    collectGarbage({type: "major", flavor: "last-resort"});
}
