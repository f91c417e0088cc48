import {describe, expect, test} from "vitest";
import {parseControlRequest} from "../../src/app/control/parseControlRequest.js";
import {appOperations, type OperationName, type OperationNameFor, type OperationParams} from "../../src/app/operations/appOperations.js";
import {parseOperationParams} from "../../src/app/operations/parseOperationParams.js";
import {runOperation} from "../../src/app/operations/runOperation.js";
import {createFakeLoader} from "./utils/createFakeEngine.js";
import {openTestCore} from "./utils/openTestCore.js";

// Standalone: what the table promises for every entry, so a new operation gets it too (this record fails to
// compile until it has a sample).
const settingsSamples: {readonly [N in OperationNameFor<"settings">]: OperationParams<N>} = {
    state: undefined,
    enable: undefined,
    disable: undefined,
    unloadModel: undefined,
    setPort: {port: 0},
    setThreads: {threads: 2},
    setGpu: {gpu: "cpu"},
    setContextSize: {contextSize: 512},
    test: undefined,
    "origins.add": {origin: "http://localhost:3000"},
    "origins.remove": {origin: "http://localhost:3000"},
    "origins.clear": undefined,
    "responses.clear": undefined
};
const names = Object.keys(appOperations) as OperationName[];

describe("the operations table", () => {
    test("no operation the Settings window may call answers with the full API key, on the instance or the stored state", async () => {
        for (const role of ["instance", "stored"] as const) {
            const {core} = await openTestCore({role, deps: {loadEngine: createFakeLoader()}});
            for (const [name, params] of Object.entries(settingsSamples) as [OperationNameFor<"settings">, never][]) {
                const result = await runOperation(core, name, params).catch((err: unknown) => err);
                expect(JSON.stringify(result), `${role}: ${name}`).not.toContain(core.copyKey());
            }
        }
    });

    test("the Settings window is refused every other operation; the control socket takes all of them", () => {
        for (const name of names) {
            const sample = (settingsSamples as Record<string, unknown>)[name];
            if (name in settingsSamples) expect(parseOperationParams(name, sample, "settings"), name).toMatchObject({ok: true, name});
            else expect(parseOperationParams(name, {}, "settings"), name).toMatchObject({ok: false, code: "unknown_operation"});
            // Known to the control socket: at worst its params are wrong.
            expect(parseOperationParams(name, {bogus: 1}, "control"), name).toMatchObject({ok: false, code: "invalid_params"});
        }
        expect(parseControlRequest({id: 3, method: "watch"})).toEqual({ok: true, request: {id: 3, method: "watch", params: undefined}});
        expect(parseControlRequest({id: 4, method: "fly"})).toEqual({ok: false, id: 4, message: 'Invalid request: There is no operation "fly".'});
    });

    test("each CLI command has its own words, and its arguments are all named for --help", () => {
        const commands = names.flatMap((name) => {
            const cli = appOperations[name].cli;
            return cli == null ? [] : [cli.command, ...(cli.aliases ?? [])].map((words) => words.join(" "));
        });
        expect(new Set(commands).size).toBe(commands.length);
        for (const name of names) {
            const cli = appOperations[name].cli;
            if (cli?.parse == null) continue;
            // parse gets exactly `args`: a placeholder per argument it reads.
            expect(cli.args?.length, name).toBeGreaterThan(0);
        }
    });

    test("an operation's params are checked with its rule, naming the field", () => {
        expect(parseOperationParams("setContextSize", {contextSize: 1e9}, "settings")).toEqual({
            ok: false, code: "invalid_params",
            message: "params.contextSize: The context size must be a whole number of tokens from 128 to 1048576, or auto for the model's default (got 1000000000)."
        });
        expect(parseOperationParams("setGpu", {gpu: "cpu", extra: 1}, "control")).toMatchObject({ok: false, code: "invalid_params"});
        expect(parseOperationParams("setThreads", {threads: null}, "control")).toEqual({ok: true, name: "setThreads", params: {threads: null}});
    });
});
