import type {ApiKeyAnswer} from "../../app/operations/appOperations.js";

/**
 * The key alone on stdout (so `$(tholos key show)` works), `note` and where it is stored on stderr.
 *
 * @param note - a line for stderr before the location; default none
 */
export function keyOutput(note?: string) {
    return {
        print(answer: ApiKeyAnswer) {
            process.stdout.write(`${answer.key}\n`);
            if (note != null) process.stderr.write(`${note}\n`);
            process.stderr.write(`Stored in: ${answer.location}\n`);
        }
    };
}
