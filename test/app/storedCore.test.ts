import fs from "node:fs/promises";
import path from "node:path";
import {describe, expect, test} from "vitest";
import {parseOperationParams} from "../../src/app/operations/parseOperationParams.js";
import {runOperation} from "../../src/app/operations/runOperation.js";
import {createFakeLoader} from "./utils/createFakeEngine.js";
import {openTestCore, type OpenTestCoreOptions} from "./utils/openTestCore.js";

// Standalone: the "stored" role — what the CLI drives while no instance runs — on real files in a temp data dir.
// It runs the operations table's code, so the rules and the status line are the running core's.
async function openStored(options: Omit<OpenTestCoreOptions, "role"> = {}) {
    const loader = createFakeLoader();
    const opened = await openTestCore({...options, role: "stored", deps: {loadEngine: loader}});
    const settings = async () => JSON.parse(await fs.readFile(path.join(opened.dataDir, "settings.json"), "utf8")) as unknown;
    return {...opened, loader, settings};
}

async function writeModel(dir: string, name: string, body: string) {
    const file = path.join(dir, name);
    await fs.writeFile(file, body);
    return file;
}

describe("the stored state (an AppCore in the \"stored\" role)", () => {
    test("Personal: the status is Locked whatever is switched, enable is refused and changes no file", async () => {
        const {core, dataDir, settings} = await openStored({edition: "personal"});
        expect(core.state).toMatchObject({status: "Locked — available on the Business edition", statusKind: "locked", pid: null, listeningPort: null});
        await expect(runOperation(core, "enable", undefined)).rejects.toMatchObject({code: "edition_locked", message: expect.stringContaining("Business edition")});
        await expect(fs.access(path.join(dataDir, "settings.json"))).rejects.toThrow();

        expect((await runOperation(core, "disable", undefined)).status).toBe("Locked — available on the Business edition");
        expect(await settings()).toEqual({enabled: false});
    });

    test("Business: Off even when switched on, as nothing runs; the switch is saved for the next start", async () => {
        const {core, settings} = await openStored();
        const state = await runOperation(core, "enable", undefined);
        expect(state).toMatchObject({status: "Off", statusKind: "off", enabled: true});
        expect(await settings()).toEqual({enabled: true});
        expect(await runOperation(core, "test", undefined)).toEqual({
            ok: false, reason: "off", message: "Off: no Tholos instance is running; start one with `tholos serve` (or open the tray app)."
        });
    });

    test("one port rule: 1–65535 saved; 0 is this run only, so without a run it changes nothing", async () => {
        const {core, settings} = await openStored();
        await runOperation(core, "setPort", {port: 9000});
        expect(await settings()).toEqual({port: 9000});
        await expect(runOperation(core, "setPort", {port: 0})).rejects.toMatchObject({code: "invalid_port", message: expect.stringContaining("nothing was changed")});
        await expect(core.setPort(65536)).rejects.toMatchObject({
            code: "invalid_port", message: "The port must be a whole number from 1 to 65535, or 0 for any free port this run only (got 65536)."
        });
        expect(await settings()).toEqual({port: 9000});
    });

    test("load checks the file and saves it without loading; unload forgets it", async () => {
        const {core, dataDir, loader, settings} = await openStored();
        const text = await writeModel(dataDir, "notes.gguf", "not a model");
        await expect(runOperation(core, "loadModel", {path: text})).rejects.toMatchObject({code: "model_load_failed", message: expect.stringContaining("not a GGUF")});
        await expect(runOperation(core, "loadModel", {path: path.join(dataDir, "missing.gguf")})).rejects.toMatchObject({code: "model_load_failed"});

        const model = await writeModel(dataDir, "model.gguf", "GGUF…");
        expect(await runOperation(core, "loadModel", {path: model})).toMatchObject({status: "Off", modelPath: model, model: {state: "none"}});
        expect(loader.loaded).toHaveLength(0);
        expect(await settings()).toEqual({modelPath: model});
        // Called directly, loading is refused rather than done in the wrong process.
        await expect(core.loadModel(model)).rejects.toMatchObject({code: "no_instance"});

        await runOperation(core, "unloadModel", undefined);
        expect(await settings()).toEqual({});
    });

    test("threads, GPU and context size: the rules' messages, saved values, auto removes them", async () => {
        const {core, settings} = await openStored();
        await expect(core.setThreads(0)).rejects.toMatchObject({
            code: "invalid_setting", message: "Threads must be a whole number from 1 to 256, or auto to let the engine choose (got 0)."
        });
        await expect(core.setContextSize(64)).rejects.toMatchObject({code: "invalid_setting", message: expect.stringContaining("from 128 to 1048576")});
        await expect(core.setGpu("tpu" as "cpu")).rejects.toMatchObject({code: "invalid_setting", message: 'GPU must be "auto" or "cpu" (got "tpu").'});

        await runOperation(core, "setThreads", {threads: 3});
        await runOperation(core, "setGpu", {gpu: "cpu"});
        const state = await runOperation(core, "setContextSize", {contextSize: 2048});
        expect(state).toMatchObject({threads: 3, gpu: "cpu", contextSize: 2048});
        expect(await settings()).toEqual({threads: 3, gpu: "cpu", contextSize: 2048});

        await runOperation(core, "setThreads", {threads: null});
        await runOperation(core, "setContextSize", {contextSize: null});
        expect(await settings()).toEqual({gpu: "cpu"});
    });

    test("the key: created once and shown masked in the state; regenerated on request; THOLOS_API_KEY is used and can't be regenerated", async () => {
        const {core} = await openStored();
        const first = await runOperation(core, "key.show", undefined);
        expect(core.state.apiKey).toEqual({source: "file", location: first.location, masked: `tholos-${"•".repeat(8)}${first.key.slice(-4)}`});
        const regenerated = await runOperation(core, "key.regenerate", undefined);
        expect(regenerated.key).not.toBe(first.key);
        expect((await runOperation(core, "key.show", undefined)).key).toBe(regenerated.key);

        const {core: withEnv} = await openStored({env: {THOLOS_API_KEY: "script-key-12345"}});
        expect(await runOperation(withEnv, "key.show", undefined)).toEqual({key: "script-key-12345", source: "env", location: "THOLOS_API_KEY environment variable"});
        await expect(runOperation(withEnv, "key.regenerate", undefined)).rejects.toMatchObject({code: "key_from_env"});
    });

    test("a context size out of range in settings.json is reported (the file moved aside), not silently the default", async () => {
        const {core: first, dataDir} = await openStored();
        await first.dispose();
        await fs.writeFile(path.join(dataDir, "settings.json"), JSON.stringify({contextSize: 64, threads: 2}));
        const {core} = await openStored({dataDir});
        expect(core.state.contextSize).toBeNull();
        expect(core.state.settingsProblem).toMatch(/had invalid settings \(contextSize: The context size must be a whole number of tokens from 128 to 1048576.*\(got 64\)\.\); it was moved to .*corrupt/);
    });

    test("origins: added normalised, listed, removed, cleared; null, wildcards and paths refused with the rule's one message", async () => {
        const {core, settings} = await openStored();
        expect(await runOperation(core, "origins.list", undefined)).toEqual({origins: []});
        expect(await runOperation(core, "origins.add", {origin: "HTTP://LocalHost:3000/"})).toEqual({origins: ["http://localhost:3000"]});
        await runOperation(core, "origins.add", {origin: "http://localhost:3000"});
        expect(await runOperation(core, "origins.add", {origin: "https://app.example"})).toEqual({origins: ["http://localhost:3000", "https://app.example"]});
        expect(await settings()).toEqual({allowedOrigins: ["http://localhost:3000", "https://app.example"]});
        expect(core.state.allowedOrigins).toEqual(["http://localhost:3000", "https://app.example"]);

        for (const origin of ["null", "*", "http://*.example.com", "https://app.example/path", "localhost:3000", "file:///tmp/page.html"]) {
            const refused = parseOperationParams("origins.add", {origin}, "settings");
            expect(refused, origin).toEqual({
                ok: false, code: "invalid_params",
                message: `params.origin: An allowed origin must be exactly scheme://host[:port] with http or https, e.g. http://localhost:3000 — no path, no wildcard, not "null" (got ${JSON.stringify(origin)}).`
            });
            await expect(core.setAllowedOrigins([origin])).rejects.toMatchObject({code: "invalid_setting", message: expect.stringContaining("An allowed origin must be")});
        }
        expect(core.state.allowedOrigins).toHaveLength(2);

        await expect(runOperation(core, "origins.remove", {origin: "http://localhost:9999"})).rejects.toMatchObject({
            code: "invalid_setting", message: "http://localhost:9999 is not an allowed origin (allowed: http://localhost:3000, https://app.example)."
        });
        // Through a door (the CLI, the socket, the page) the rule normalises the origin to remove as well.
        const remove = parseOperationParams("origins.remove", {origin: "HTTP://localhost:3000/"}, "control");
        expect(remove).toEqual({ok: true, name: "origins.remove", params: {origin: "http://localhost:3000"}});
        expect(await runOperation(core, "origins.remove", {origin: "http://localhost:3000"})).toEqual({origins: ["https://app.example"]});
        expect(await runOperation(core, "origins.clear", undefined)).toEqual({origins: []});
        expect(await settings()).toEqual({});
    });
});
