import {describe, expect, test} from "vitest";
import {AppCoreError} from "../src/app/AppCoreError.js";
import {ControlError} from "../src/app/control/ControlError.js";
import {KeyStoreError} from "../src/app/key/KeyStoreError.js";
import {LicenseError} from "../src/app/license/LicenseError.js";
import {SettingsError} from "../src/app/settings/SettingsError.js";
import {UserInputError} from "../src/cli/UserInputError.js";
import {EngineError} from "../src/engine/EngineError.js";
import {JsonSchemaGrammarError} from "../src/engine/grammar/JsonSchemaGrammarError.js";
import {ApiError} from "../src/server/ApiError.js";
import {TholosError} from "../src/TholosError.js";

describe("TholosError", () => {
    const cause = new Error("the underlying failure");
    const errors: [TholosError, string, string][] = [
        [new AppCoreError("invalid_port", "Port must be 1 to 65535.", {cause}), "AppCoreError", "invalid_port"],
        [new ControlError("control_timeout", "No answer.", {cause}), "ControlError", "control_timeout"],
        [new KeyStoreError("key_file_failed", "Could not read the key.", {cause}), "KeyStoreError", "key_file_failed"],
        [new LicenseError("license_malformed", "Not a licence.", {cause}), "LicenseError", "license_malformed"],
        [new SettingsError("settings_invalid", "Bad settings.", {cause}), "SettingsError", "settings_invalid"],
        [new EngineError("queue_full", "Too many requests.", {cause}), "EngineError", "queue_full"],
        [new JsonSchemaGrammarError({keyword: "not", path: ""}), "JsonSchemaGrammarError", "unsupported_json_schema"],
        [new ApiError("invalid_request", "Bad request."), "ApiError", "invalid_request"],
        [new UserInputError("Unknown command."), "UserInputError", "invalid_cli_input"]
    ];

    test.each(errors)("%s is a TholosError and an Error, named after its class, with its code", (error, name, code) => {
        expect(error).toBeInstanceOf(TholosError);
        expect(error).toBeInstanceOf(Error);
        expect(error.name).toBe(name);
        expect(error.code).toBe(code);
        expect(String(error)).toBe(`${name}: ${error.message}`);
        expect(error.stack).toContain(name);
    });

    test("the cause is passed through, and absent when none was given", () => {
        expect(new AppCoreError("invalid_port", "x", {cause}).cause).toBe(cause);
        expect(new EngineError("queue_full", "x", {cause, param: "n"})).toMatchObject({cause, param: "n"});
        expect("cause" in new AppCoreError("invalid_port", "x")).toBe(false);
        expect("cause" in new ApiError("invalid_request", "x")).toBe(false);
    });

    test("each class keeps its own extra fields", () => {
        expect(new ControlError("control_remote", "x", {remoteCode: "edition_locked"}).remoteCode).toBe("edition_locked");
        expect(new ApiError("invalid_request", "x", "messages").toBody())
            .toEqual({error: {message: "x", type: "invalid_request_error", param: "messages", code: "invalid_request"}});
        expect(new JsonSchemaGrammarError({keyword: "not", path: "/a"})).toMatchObject({keyword: "not", path: "/a"});
    });
});
