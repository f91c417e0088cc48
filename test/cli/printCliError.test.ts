import {describe, expect, test} from "vitest";
import {AppCoreError} from "../../src/app/AppCoreError.js";
import {ControlError} from "../../src/app/control/ControlError.js";
import {printCliError} from "../../src/cli/printCliError.js";
import {UserInputError} from "../../src/cli/UserInputError.js";

function print(error: unknown) {
    let stderr = "";
    const code = printCliError(error, {write: (text: string) => stderr += text});
    return {code, stderr};
}

describe("printCliError", () => {
    test("an expected error (a TholosError) is its message on one line, without a stack", () => {
        expect(print(new AppCoreError("edition_locked", "The Local API Server is available on the Business edition.")))
            .toEqual({code: 1, stderr: "tholos: The Local API Server is available on the Business edition.\n"});
        expect(print(new ControlError("control_remote", "Port 80 is taken.", {remoteCode: "port_in_use"})))
            .toEqual({code: 1, stderr: "tholos: Port 80 is taken.\n"});
    });

    test("a mistake in the command line exits with 2", () => {
        expect(print(new UserInputError("Unknown command \"x\"."))).toEqual({code: 2, stderr: "tholos: Unknown command \"x\".\n"});
    });

    test("anything else is a bug: printed with its stack, exit 1", () => {
        const bug = new TypeError("Cannot read properties of undefined (reading 'status')");
        const {code, stderr} = print(bug);
        expect(code).toBe(1);
        expect(stderr).toBe(`tholos: ${bug.stack}\n`);
        expect(stderr).toMatch(/^tholos: TypeError: Cannot read properties of undefined \(reading 'status'\)\n\s+at .*printCliError\.test\.ts/);
    });

    test("a Node error with a code of its own is not mistaken for an expected one", () => {
        const error = Object.assign(new Error("EACCES: permission denied, open '/x'"), {code: "EACCES"});
        const {code, stderr} = print(error);
        expect(code).toBe(1);
        expect(stderr).toContain("\n    at ");
    });

    test("a thrown non-Error is printed as text", () => {
        expect(print("boom")).toEqual({code: 1, stderr: "tholos: boom\n"});
    });
});
