import {appOperations, type OperationParams} from "../../app/operations/appOperations.js";
import type {InstanceWhere} from "../instance/runOnInstance.js";

type OriginsOperation = "origins.list" | "origins.add" | "origins.remove" | "origins.clear";

/**
 * The allowed origins, one a line on stdout (so a script can read them); before them, on stderr, the line the
 * operation's `done` gives (the same words as the Settings window) and, when no instance runs, that it was saved.
 */
export function originsOutput<N extends OriginsOperation>(name: N) {
    return {
        print(answer: {readonly origins: readonly string[]}, {where, params}: {readonly where: InstanceWhere, readonly params: OperationParams<N>}) {
            const done = (appOperations[name] as {done?: (answer: unknown, params: unknown) => string}).done;
            if (done != null) process.stderr.write(`${done(answer, params)}\n`);
            if (done != null && !where.running)
                process.stderr.write("Saved: no instance is running; `tholos serve` (or the tray app) uses it when it starts.\n");
            if (answer.origins.length === 0)
                process.stderr.write("No origin is allowed: a page on another origin can't read any answer (no CORS headers).\n");
            for (const origin of answer.origins) process.stdout.write(`${origin}\n`);
        }
    };
}
