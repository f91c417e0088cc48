import fs from "node:fs/promises";
import path from "node:path";
import {describe, expect, test} from "vitest";
import {SettingsError} from "../../src/app/settings/SettingsError.js";
import {SettingsStore} from "../../src/app/settings/SettingsStore.js";
import {makeTempDir} from "./utils/makeTempDir.js";

const defaults = {enabled: false, port: 8756, gpu: "auto", responsesMaxCount: 10_000, responsesMaxAgeDays: 30, allowedOrigins: []};
const fixedNow = () => new Date("2026-01-02T03:04:05.678Z");

describe("SettingsStore", () => {
    test("a missing file gives the defaults and creates nothing", async () => {
        const dataDir = path.join(await makeTempDir(), "not-yet");
        const store = new SettingsStore({dataDir});
        const {settings, problem} = await store.load();
        expect(settings).toEqual(defaults);
        expect(settings.threads).toBeUndefined();
        expect(problem).toBeNull();
        await expect(fs.stat(dataDir)).rejects.toMatchObject({code: "ENOENT"});
    });

    test("update round-trips through a new store", async () => {
        const dataDir = await makeTempDir();
        await new SettingsStore({dataDir}).update({enabled: true, port: 9000, threads: 4, gpu: "cpu", allowedOrigins: ["http://localhost:3000"]});

        const {settings} = await new SettingsStore({dataDir}).load();
        expect(settings).toEqual({enabled: true, port: 9000, threads: 4, gpu: "cpu", responsesMaxCount: 10_000, responsesMaxAgeDays: 30, allowedOrigins: ["http://localhost:3000"]});
    });

    test("a patch value of undefined returns the field to its default", async () => {
        const dataDir = await makeTempDir();
        const store = new SettingsStore({dataDir});
        await store.update({threads: 4, port: 9000});
        const after = await store.update({threads: undefined, port: undefined});
        expect(after.threads).toBeUndefined();
        expect(after.port).toBe(8756);
        expect(JSON.parse(await fs.readFile(store.filePath, "utf8"))).toEqual({});
    });

    test("writes atomically: mode 0600, directory 0700, no temp files left", async () => {
        const dataDir = path.join(await makeTempDir(), "fresh");
        const store = new SettingsStore({dataDir});
        for (let i = 0; i < 5; i++)
            await store.update({port: 9000 + i});

        expect((await fs.stat(store.filePath)).mode & 0o777).toBe(0o600);
        expect((await fs.stat(dataDir)).mode & 0o777).toBe(0o700);
        expect(await fs.readdir(dataDir)).toEqual(["settings.json"]);
    });

    test("a settings.json that can't be read is reported, not moved aside or replaced", async () => {
        const dataDir = await makeTempDir();
        const store = new SettingsStore({dataDir});
        await fs.mkdir(store.filePath);

        await expect(store.load()).rejects.toMatchObject({code: "settings_read_failed"});
        await expect(store.update({port: 9002})).rejects.toMatchObject({code: "settings_read_failed"});
        expect((await fs.stat(store.filePath)).isDirectory()).toBe(true);
        expect(await fs.readdir(dataDir)).toEqual(["settings.json"]);
    });

    test("concurrent updates in one process are all kept", async () => {
        const dataDir = await makeTempDir();
        const store = new SettingsStore({dataDir});
        await Promise.all([store.update({port: 9100}), store.update({threads: 3}), store.update({gpu: "cpu"})]);
        const {settings} = await new SettingsStore({dataDir}).load();
        expect(settings).toMatchObject({port: 9100, threads: 3, gpu: "cpu"});
    });

    test("keys from a newer version survive a load/update round trip", async () => {
        const dataDir = await makeTempDir();
        const store = new SettingsStore({dataDir});
        await fs.writeFile(store.filePath, JSON.stringify({port: 9000, futureFeature: {nested: [1, 2]}, theme: "dark"}));

        const {settings} = await store.load();
        expect(settings).toMatchObject({port: 9000, futureFeature: {nested: [1, 2]}, theme: "dark"});

        await store.update({enabled: true});
        const onDisk = JSON.parse(await fs.readFile(store.filePath, "utf8"));
        expect(onDisk).toEqual({port: 9000, futureFeature: {nested: [1, 2]}, theme: "dark", enabled: true});
    });

    test("defaults are not baked into the file", async () => {
        const dataDir = await makeTempDir();
        const store = new SettingsStore({dataDir});
        await store.update({enabled: true});
        expect(JSON.parse(await fs.readFile(store.filePath, "utf8"))).toEqual({enabled: true});
    });

    test("corrupt JSON is moved aside, reported with its new path, and defaults load", async () => {
        const dataDir = await makeTempDir();
        const store = new SettingsStore({dataDir}, {now: fixedNow});
        await fs.writeFile(store.filePath, "{\"port\": 9000,,");

        const {settings, problem} = await store.load();
        expect(settings).toEqual(defaults);
        const movedTo = path.join(dataDir, "settings.json.corrupt-2026-01-02T03-04-05.678Z");
        expect(problem).toMatchObject({code: "settings_corrupt_json", movedTo});
        expect(problem?.message).toContain(movedTo);
        expect(store.problem).toEqual(problem);

        // the broken bytes are kept verbatim, and the original name is free
        expect(await fs.readFile(movedTo, "utf8")).toBe("{\"port\": 9000,,");
        await expect(fs.stat(store.filePath)).rejects.toMatchObject({code: "ENOENT"});
    });

    test("a file violating the schema is moved aside too", async () => {
        const dataDir = await makeTempDir();
        const store = new SettingsStore({dataDir}, {now: fixedNow});
        await fs.writeFile(store.filePath, JSON.stringify({port: 70000, enabled: true}));

        const {settings, problem} = await store.load();
        expect(settings).toEqual(defaults);
        expect(problem?.code).toBe("settings_invalid");
        expect(problem?.message).toContain("port");
        expect(JSON.parse(await fs.readFile(problem!.movedTo, "utf8"))).toEqual({port: 70000, enabled: true});
    });

    test("contextSize and allowedOrigins are checked by their rules: a bad value is reported and moved aside like any other", async () => {
        const dataDir = await makeTempDir();
        const store = new SettingsStore({dataDir}, {now: fixedNow});
        for (const [bad, words] of [
            [{contextSize: 5}, "contextSize: The context size must be a whole number of tokens from 128 to 1048576"],
            [{contextSize: "4096"}, "contextSize: The context size must be"],
            [{allowedOrigins: ["*"]}, "allowedOrigins.0: An allowed origin must be exactly scheme://host[:port]"],
            [{allowedOrigins: ["http://localhost:3000", "null"]}, "allowedOrigins.1: An allowed origin"],
            [{allowedOrigins: ["http://*.example.com"]}, "no wildcard"]
        ] as const) {
            await fs.writeFile(store.filePath, JSON.stringify({port: 9000, ...bad}));
            const {settings, problem} = await store.load();
            expect(settings, JSON.stringify(bad)).toEqual(defaults);
            expect(problem?.code).toBe("settings_invalid");
            expect(problem?.message).toContain(words);
            expect(JSON.parse(await fs.readFile(problem!.movedTo, "utf8"))).toEqual({port: 9000, ...bad});
        }

        // Good values are read as the rules give them: origins normalised as browsers send them, null = auto.
        await fs.writeFile(store.filePath, JSON.stringify({contextSize: null, allowedOrigins: ["HTTP://LocalHost:3000/", "https://app.example:443"]}));
        const {settings, problem} = await store.load();
        expect(problem).toBeNull();
        expect(settings).toMatchObject({contextSize: null, allowedOrigins: ["http://localhost:3000", "https://app.example"]});
        await fs.writeFile(store.filePath, JSON.stringify({contextSize: 2048}));
        expect((await store.load()).settings.contextSize).toBe(2048);
    });

    test("a second corruption in the same millisecond doesn't overwrite the first copy", async () => {
        const dataDir = await makeTempDir();
        const store = new SettingsStore({dataDir}, {now: fixedNow});
        await fs.writeFile(store.filePath, "first");
        const first = (await store.load()).problem!.movedTo;
        await fs.writeFile(store.filePath, "[]");
        const second = (await store.load()).problem!.movedTo;

        expect(second).not.toBe(first);
        expect(await fs.readFile(first, "utf8")).toBe("first");
        expect(await fs.readFile(second, "utf8")).toBe("[]");
    });

    test("an invalid patch throws settings_invalid and leaves the file alone", async () => {
        const dataDir = await makeTempDir();
        const store = new SettingsStore({dataDir});
        await store.update({port: 9000});
        const before = await fs.readFile(store.filePath, "utf8");

        for (const patch of [{port: 0}, {port: 65536}, {port: 80.5}, {threads: 0}, {sequences: 17}, {gpu: "tpu"}] as const) {
            const err = await store.update(patch as never).catch((e: unknown) => e);
            expect(err).toBeInstanceOf(SettingsError);
            expect((err as SettingsError).code).toBe("settings_invalid");
        }
        expect(await fs.readFile(store.filePath, "utf8")).toBe(before);
    });

    test("a UTF-8 BOM from a Windows editor is tolerated", async () => {
        const dataDir = await makeTempDir();
        const store = new SettingsStore({dataDir});
        await fs.writeFile(store.filePath, "\uFEFF{\"port\": 9005}");
        const {settings, problem} = await store.load();
        expect(problem).toBeNull();
        expect(settings.port).toBe(9005);
    });

    test("reading settings before load() throws", () => {
        expect(() => new SettingsStore({dataDir: "/nonexistent"}).settings).toThrow(/load\(\)/);
    });
});
