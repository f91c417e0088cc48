import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import {describe, expect, test} from "vitest";
import {isListening} from "../support/isListening.js";
import {useSharedLlama} from "../support/useSharedLlama.js";
import type {AppState} from "../../src/app/AppState.js";
import {EngineError} from "../../src/engine/EngineError.js";
import {createCorruptModels} from "../fixtures/gguf/createCorruptModels.js";
import {makeTempDir} from "./utils/makeTempDir.js";
import {openTestCore} from "./utils/openTestCore.js";

// Model-dependent: the real engine on stories260K. One llama.cpp runtime for the file keeps each load to a moment.
const shared = useSharedLlama();

const runningPattern = /^Running — http:\/\/127\.0\.0\.1:(\d+)$/;

function listModels(port: number, key: string) {
    return fetch(`http://127.0.0.1:${port}/v1/models`, {headers: {authorization: `Bearer ${key}`}});
}

describe("AppCore lifecycle on the real model", () => {
    test("enabled without a model waits; loading it starts the server on the real port; unloading stops listening", async () => {
        const {core} = await openTestCore({deps: {loadEngine: shared.loadEngine}});
        expect(core.state.status).toBe("Off");

        await core.enable();
        expect(core.state.status).toBe("Enabled — starts once a model is loaded.");
        expect(core.state.listeningPort).toBeNull();

        const info = await core.loadModel(shared.modelPath);
        expect(info.id).toBe("stories260K");
        const port = Number(runningPattern.exec(core.state.status)?.[1]);
        expect(port).toBeGreaterThan(0);
        expect(core.state).toMatchObject({statusKind: "running", listeningPort: port, baseUrl: `http://127.0.0.1:${port}/v1`});
        expect(core.state.model).toMatchObject({state: "loaded", id: "stories260K", path: shared.modelPath});

        const response = await listModels(port, core.copyKey());
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({data: [{id: "stories260K"}]});

        await core.unloadModel();
        expect(core.state.status).toBe("Enabled — starts once a model is loaded.");
        expect(await isListening(port)).toBe(false);
    });

    test("load progress is observable from 0 to 1, and a throwing listener can't break the core", async () => {
        const {core} = await openTestCore({deps: {loadEngine: shared.loadEngine}});
        const progress: number[] = [];
        core.onStateChange(() => {
            throw new Error("a broken tray");
        });
        core.onStateChange((state) => {
            if (state.model.state === "loading") progress.push(state.model.progress);
        });
        await core.enable();
        await core.loadModel(shared.modelPath);

        expect(progress[0]).toBe(0);
        expect(progress.at(-1)).toBe(1);
        expect(progress).toEqual([...progress].sort((a, b) => a - b));
        expect(core.state.statusKind).toBe("running");
    });

    test("a busy port is an Error naming the port, and changing the port retries", async () => {
        const blocker = net.createServer();
        await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
        const busyPort = (blocker.address() as net.AddressInfo).port;
        try {
            const {core} = await openTestCore({
                deps: {loadEngine: shared.loadEngine},
                session: {port: busyPort, enabled: true, modelPath: shared.modelPath}
            });
            await core.start();
            expect(core.state.status).toBe(
                `Error — port ${busyPort} is already in use by another program. Choose another port (Settings → Local API Server, or \`tholos port <n>\`).`);
            expect(core.state.model.state).toBe("loaded");
            expect(await core.test()).toMatchObject({ok: false, reason: "port_error"});

            await core.setPort(0);
            expect(core.state.status).toMatch(runningPattern);
        } finally {
            blocker.close();
        }
    });

    test("a missing, non-GGUF, truncated or empty model is an Error naming the file and why; the core keeps running", async () => {
        const dir = await makeTempDir();
        const corrupt = await createCorruptModels(dir);
        const {core} = await openTestCore({deps: {loadEngine: shared.loadEngine}});
        await core.enable();

        const cases: {file: string, reason: RegExp}[] = [
            {file: path.join(dir, "missing.gguf"), reason: /does not exist/},
            {file: corrupt.notGguf, reason: /is not a GGUF model file/},
            {file: corrupt.empty, reason: /is not a GGUF model file/},
            {file: corrupt.truncated, reason: /truncated, corrupt or of an unsupported kind/},
            {file: corrupt.garbageHeader, reason: /could not be loaded/}
        ];
        for (const {file, reason} of cases) {
            const error = await core.loadModel(file).catch((err: unknown) => err);
            expect(error).toBeInstanceOf(EngineError);
            expect(error).toMatchObject({code: "model_load_failed"});
            expect(core.state.status).toMatch(/^Error — /);
            expect(core.state.status).toContain(path.basename(file));
            expect(core.state.status).toMatch(reason);
            expect(core.state.model).toMatchObject({state: "failed", path: file});
            expect(core.state.listeningPort).toBeNull();
        }

        // Still alive: a good model serves.
        await core.loadModel(shared.modelPath);
        expect(core.state.status).toMatch(runningPattern);
    });

    test("regenerating the key: the old key fails from the very next request, including one racing the regeneration", async () => {
        const {core} = await openTestCore({deps: {loadEngine: shared.loadEngine}, session: {enabled: true, modelPath: shared.modelPath}});
        await core.start();
        const port = core.state.listeningPort!;
        const oldKey = core.copyKey();
        expect((await listModels(port, oldKey)).status).toBe(200);

        const racing = listModels(port, oldKey);
        const regenerated = core.regenerateKey();
        const during = listModels(port, oldKey);
        const newKey = await regenerated;
        const after = await listModels(port, oldKey);

        expect(newKey).not.toBe(oldKey);
        expect(newKey).toMatch(/^tholos-[A-Za-z0-9_-]{43}$/);
        expect(core.copyKey()).toBe(newKey);
        // Sent before regenerateKey() was called: either outcome is honest, but it must not hang or fail otherwise.
        expect([200, 401]).toContain((await racing).status);
        expect((await during).status).toBe(401);
        expect(after.status).toBe(401);
        expect((await listModels(port, newKey)).status).toBe(200);
        expect(core.state.apiKey.masked).toBe(`tholos-••••••••${newKey.slice(-4)}`);
    });

    test("Test reports a real round trip, or exactly why there is none", async () => {
        const {core} = await openTestCore({deps: {loadEngine: shared.loadEngine}});
        expect(await core.test()).toMatchObject({ok: false, reason: "off"});
        await core.enable();
        expect(await core.test()).toMatchObject({ok: false, reason: "no_model"});

        await core.loadModel(shared.modelPath);
        const result = await core.test();
        expect(result).toMatchObject({ok: true, model: "stories260K"});
        expect(result.message).toMatch(/^answered in \d+ ms \(model stories260K\)$/);

        await core.disable();
        expect(await core.test()).toMatchObject({ok: false, reason: "off"});
    });

    test("the switch, port and model are saved and come back at the next start", async () => {
        const dataDir = await makeTempDir();
        const first = await openTestCore({dataDir, deps: {loadEngine: shared.loadEngine}, session: {port: undefined}});
        const port = await freePort();
        await first.core.setPort(port);
        await first.core.enable();
        await first.core.loadModel(shared.modelPath);
        expect(first.core.state.status).toBe(`Running — http://127.0.0.1:${port}`);
        await first.core.dispose();
        expect(first.core.state.status).toBe("Off");
        expect(await isListening(port)).toBe(false);

        const settings = JSON.parse(await fs.readFile(path.join(dataDir, "settings.json"), "utf8")) as Record<string, unknown>;
        expect(settings).toEqual({port, enabled: true, modelPath: shared.modelPath});

        const second = await openTestCore({
            dataDir, deps: {loadEngine: shared.loadEngine, licenseStore: first.licenseStore}, session: {port: undefined}
        });
        const seen: AppState[] = [];
        second.core.onStateChange((state) => seen.push(state));
        await second.core.start();
        expect(second.core.state.status).toBe(`Running — http://127.0.0.1:${port}`);
        expect(seen.map((state) => state.status)).toContain("Enabled — starts once a model is loaded.");
    });
});

async function freePort() {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const {port} = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
}
