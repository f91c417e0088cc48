import type {CliOutput} from "./CliOutput.js";

/** `tholos test`: the answer's line; exit code 1 when the server did not answer. */
export const testOutput: CliOutput<"test"> = {
    print(result) {
        process.stdout.write(`${result.message}\n`);
        if (!result.ok) process.exitCode = 1;
    }
};
