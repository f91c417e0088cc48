import {setTimeout as sleep} from "node:timers/promises";
import {isLockActive} from "lifecycle-utils";
import {getLlama} from "node-llama-cpp";
import {describe, expect, test} from "vitest";
import type {AppCore} from "../../src/app/AppCore.js";
import {LlamaEngine} from "../../src/engine/LlamaEngine.js";
import {createServer} from "../../src/server/createServer.js";
import {useSharedLlama} from "../support/useSharedLlama.js";
import {openTestCore} from "./utils/openTestCore.js";

// Model-dependent: the real engine on stories260K, the real server.
const shared = useSharedLlama();

/**
 * A core whose server builds are recorded with what the core showed at that moment. Each engine load resolves only
 * once a build has begun, or after 2 s: a build that waits for the load shows up as one made with the model "loaded".
 */
async function openRecordingCore() {
    const builds: {model: string, listeningPort: number | null}[] = [];
    let recorded: AppCore | undefined;
    const {core} = await openTestCore({
        deps: {
            loadEngine: async (options) => {
                const before = builds.length;
                const engine = await shared.loadEngine(options);
                for (const started = Date.now(); builds.length === before && Date.now() - started < 2_000;)
                    await sleep(5);
                return engine;
            },
            createServer: async (options) => {
                builds.push({model: recorded!.state.model.state, listeningPort: recorded!.state.listeningPort});
                return createServer(options);
            }
        }
    });
    recorded = core;
    return {core, builds};
}

async function listModels(core: AppCore) {
    const response = await fetch(`http://127.0.0.1:${core.state.listeningPort}/v1/models`, {headers: {authorization: `Bearer ${core.copyKey()}`}});
    return {status: response.status, body: await response.json() as {data: {id: string}[]}};
}

describe("the server is built while a model loads (cold start)", () => {
    test("the engine calls whileCreatingContext once, while llama.cpp's context init runs, before its load resolves", async () => {
        const llama = await getLlama({gpu: false, build: "never", progressLogs: false});
        const events: string[] = [];
        try {
            const engine = await LlamaEngine.load({
                modelPath: shared.modelPath, threads: 1, gpu: "cpu", llama,
                whileCreatingContext: () => {
                    // node-llama-cpp holds this lock over the native init; the engine waits until it sees it held
                    const initLock = [(llama as unknown as {_memoryLock: object})._memoryLock, "addonInit"] as const;
                    events.push(isLockActive(initLock) ? "creating context, init running" : "creating context, no init");
                }
            });
            events.push("loaded");
            await engine.dispose();
            expect(events).toEqual(["creating context, init running", "loaded"]);
        } finally {
            await llama.dispose();
        }
    });

    test("one build while the model loads; the server listens only once the model is loaded, and answers with it", async () => {
        const {core, builds} = await openRecordingCore();
        await core.enable();
        await core.loadModel(shared.modelPath);

        expect(builds).toEqual([{model: "loading", listeningPort: null}]);
        expect(core.state.statusKind).toBe("running");
        expect(await listModels(core)).toMatchObject({status: 200, body: {data: [{id: "stories260K"}]}});

        // Loading again (the tray's model switch) stops the server, builds the next one during the load, listens after
        await core.loadModel(shared.modelPath);
        expect(builds).toEqual([{model: "loading", listeningPort: null}, {model: "loading", listeningPort: null}]);
        expect(await listModels(core)).toMatchObject({status: 200, body: {data: [{id: "stories260K"}]}});
    });

    test("switched off, a load builds no server (its load waits the 2 s out); switching on builds one and listens", async () => {
        const {core, builds} = await openRecordingCore();
        await core.loadModel(shared.modelPath);
        expect(builds).toEqual([]);
        expect(core.state.listeningPort).toBeNull();

        await core.enable();
        expect(builds).toEqual([{model: "loaded", listeningPort: null}]);
        expect(await listModels(core)).toMatchObject({status: 200, body: {data: [{id: "stories260K"}]}});
    });
});
