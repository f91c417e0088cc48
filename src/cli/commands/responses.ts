import {resolveDataDir} from "../../app/dataDir.js";
import {ResponseStore} from "../../app/responses/ResponseStore.js";
import {UserInputError} from "../UserInputError.js";
import {parsePositionals} from "../parsePositionals.js";

const usage = "tholos responses [count|clear]";

/**
 * `tholos responses [count]`: how many Responses-API answers are stored; `tholos responses clear`: delete them all.
 * Straight on the data dir's database, with or without a running instance: SQLite lets both use it at once, and the
 * instance reads every lookup from the file.
 */
export async function responsesCommand(args: string[]) {
    const [action = "count"] = parsePositionals(args, args.length === 0 ? [] : ["action"], usage);
    if (action !== "count" && action !== "clear")
        throw new UserInputError(`Unknown action "${action}". Usage: ${usage}`);
    const store = ResponseStore.open({dataDir: resolveDataDir(process.env)});
    try {
        if (action === "clear") process.stdout.write(`Cleared ${plural(store.clear())}.\n`);
        else process.stdout.write(`${plural(store.count())} stored.\n`);
    } finally {
        store.close();
    }
}

function plural(count: number) {
    return `${count} ${count === 1 ? "response" : "responses"}`;
}
