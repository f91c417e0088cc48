import path from "node:path";
import type {MenuItemConstructorOptions} from "electron";
import {getLlama, type Llama} from "node-llama-cpp";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {LoadEngine} from "../../src/app/AppCoreDeps.js";
import {LlamaEngine} from "../../src/engine/LlamaEngine.js";
import {bridgeChannels, stateChannel} from "../../tray/bridge/TholosBridge.js";
import {startTray} from "../../tray/main.js";
import {testModelPath} from "../support/testModelPath.js";
import {openTestCore, type OpenTestCoreOptions} from "../app/utils/openTestCore.js";
import {createFakeElectron} from "./utils/createFakeElectron.js";

// Model-dependent: the tray's wiring against a fake Electron API but the real AppCore on stories260K.
let llama: Llama;
let modelPath: string;
const loadEngine: LoadEngine = (options) => LlamaEngine.load({...options, llama});
const options = {assetsDir: "/assets", settingsHtml: "/app/tray/renderer/settings.html", preload: "/app/dist-tray/tray/preload.cjs"};

beforeAll(async () => {
    modelPath = await testModelPath();
    llama = await getLlama({gpu: false, build: "never", progressLogs: false});
});

afterAll(async () => {
    await llama?.dispose();
});

async function startTestTray(coreOptions: OpenTestCoreOptions = {}) {
    const electron = createFakeElectron();
    const {core} = await openTestCore({...coreOptions, deps: {loadEngine, ...coreOptions.deps}});
    let disposed = 0;
    const shell = await startTray({...electron.deps, openCore: async () => ({core, dispose: async () => {
        disposed++;
        await core.dispose();
    }})}, options);
    if (shell == null) throw new Error("no shell");
    await new Promise((resolve) => setTimeout(resolve, 0)); // menubar's "ready"
    return {electron, core, shell, disposedCount: () => disposed};
}

function item(menu: MenuItemConstructorOptions[], id: string) {
    const found = menu.find((entry) => entry.id === id);
    if (found == null) throw new Error(`no menu item ${id}`);
    return found;
}

describe("tray shell wiring (fake Electron, real core)", () => {
    test("start: single-instance lock, no dock icon, a secure settings window, the menu, icon and tooltip of the Off state", async () => {
        const {electron} = await startTestTray();
        expect(electron.calls.dockHidden).toBe(1);
        expect(electron.calls.menubarOptions).toMatchObject({
            index: "file:///app/tray/renderer/settings.html",
            icon: path.join("/assets", "tray-off.png"),
            tooltip: "Off",
            showDockIcon: false,
            browserWindow: {webPreferences: {contextIsolation: true, nodeIntegration: false, sandbox: true, preload: options.preload}}
        });
        expect(item(electron.lastMenu(), "status").label).toBe("Off");
        expect(electron.calls.tooltips.at(-1)).toBe("Off");
        expect(electron.calls.contextMenus).toBeGreaterThan(0);
        expect([...electron.handlers.keys()].sort()).toEqual(Object.values(bridgeChannels).sort());
    });

    test("a second instance quits at once and opens no core", async () => {
        const electron = createFakeElectron();
        electron.answers.lock = false;
        let opened = false;
        const shell = await startTray({...electron.deps, openCore: async () => {
            opened = true;
            throw new Error("must not open");
        }}, options);
        expect(shell).toBeNull();
        expect(opened).toBe(false);
        expect(electron.calls.quit).toBe(1);
    });

    test("Enable → waiting; Load Model… (a .gguf dialog) → running, with icon, tooltip and window updates; Test shows the real round trip", async () => {
        const {electron, core, shell} = await startTestTray();
        (item(electron.lastMenu(), "enable").click as () => void)();
        await waitFor(() => core.state.statusKind === "enabled");
        expect(electron.calls.tooltips.at(-1)).toBe("Enabled — starts once a model is loaded.");
        expect(electron.calls.images.at(-1)).toBe(path.join("/assets", "tray-waiting.png"));
        expect(item(electron.lastMenu(), "enable").checked).toBe(true);

        electron.answers.openDialog.push({canceled: false, filePaths: [modelPath]});
        await shell.actions.loadModel();
        expect(electron.calls.openDialogs.at(-1)).toMatchObject({properties: ["openFile"], filters: [{extensions: ["gguf"]}]});
        expect(core.state.statusKind).toBe("running");
        const status = core.state.status;
        expect(status).toMatch(/^Running — http:\/\/127\.0\.0\.1:\d+$/);
        expect(item(electron.lastMenu(), "status").label).toBe(status);
        expect(item(electron.lastMenu(), "model").label).toBe("Model: stories260K.gguf");
        expect(electron.calls.tooltips.at(-1)).toBe(status);
        expect(electron.calls.images.at(-1)).toBe(path.join("/assets", "tray-running.png"));
        // Load progress passed through the menu on the way.
        expect(electron.calls.menus.some((menu) => /^Loading stories260K\.gguf… \d+%$/.test(String(item(menu, "model").label)))).toBe(true);
        // The settings window got the same state.
        expect(electron.calls.sent.at(-1)).toMatchObject({channel: stateChannel, args: [{status}]});

        await shell.actions.test();
        const shown = electron.calls.messageBoxes.at(-1);
        expect(shown).toMatchObject({type: "info", message: "The Local API Server answered."});
        expect(shown?.detail).toMatch(/^answered in \d+ ms \(model stories260K\)$/i);

        await shell.actions.unloadModel();
        expect(item(electron.lastMenu(), "model").label).toBe("No model loaded");
        expect(electron.calls.images.at(-1)).toBe(path.join("/assets", "tray-waiting.png"));
    });

    test("a cancelled model dialog changes nothing; a bad file is shown and becomes the Error status and icon", async () => {
        const {electron, core, shell} = await startTestTray({session: {enabled: true}});
        await shell.actions.loadModel();
        expect(core.state.model.state).toBe("none");
        expect(electron.calls.messageBoxes).toHaveLength(0);

        electron.answers.openDialog.push({canceled: false, filePaths: ["/nowhere/missing.gguf"]});
        await shell.actions.loadModel();
        expect(electron.calls.messageBoxes.at(-1)).toMatchObject({type: "error"});
        expect(electron.calls.messageBoxes.at(-1)?.detail).toContain("missing.gguf");
        expect(electron.calls.tooltips.at(-1)).toMatch(/^Error — .*missing\.gguf/);
        expect(electron.calls.images.at(-1)).toBe(path.join("/assets", "tray-error.png"));
    });

    test("Copy puts the real key on the clipboard; Regenerate asks first (old-key warning), Cancel keeps the key, confirming replaces it", async () => {
        const {electron, core, shell} = await startTestTray();
        await shell.actions.copyKey();
        const oldKey = core.copyKey();
        expect(electron.clipboard.text).toBe(oldKey);

        electron.answers.messageBox.push(1); // Cancel
        await shell.actions.regenerateKey();
        const confirm = electron.calls.messageBoxes.at(-1);
        expect(confirm).toMatchObject({buttons: ["Regenerate", "Cancel"], cancelId: 1, defaultId: 1});
        expect(confirm?.detail).toMatch(/scripts using the old key will stop working/);
        expect(core.copyKey()).toBe(oldKey);

        electron.answers.messageBox.push(0, 0); // Regenerate, then OK
        await shell.actions.regenerateKey();
        expect(core.copyKey()).not.toBe(oldKey);
        await shell.actions.copyKey();
        expect(electron.clipboard.text).toBe(core.copyKey());
    });

    test("personal edition: the switch is locked with a Business note, and the IPC bridge can't enable it either", async () => {
        const {electron, core} = await startTestTray({edition: "personal"});
        expect(item(electron.lastMenu(), "status").label).toBe("Locked — available on the Business edition");
        expect(item(electron.lastMenu(), "enable")).toMatchObject({enabled: false, checked: false});
        expect(item(electron.lastMenu(), "edition-note").label).toContain("Business edition");

        const result = await electron.invoke(bridgeChannels.run, "enable") as {ok: boolean, message: string};
        expect(result.ok).toBe(false);
        expect(result.message).toContain("Business edition");
        expect(core.state.statusKind).toBe("locked");
    });

    test("the IPC bridge drives the same core: state, enable, port, engine settings, copy first call", async () => {
        const {electron, core} = await startTestTray({session: {modelPath}});
        expect(await electron.invoke(bridgeChannels.run, "state")).toMatchObject({ok: true, result: {status: "Off"}});
        expect(await electron.invoke(bridgeChannels.run, "enable")).toMatchObject({ok: true});
        expect(await electron.invoke(bridgeChannels.run, "setPort", {port: 70000})).toEqual({
            ok: false, message: "params.port: The port must be a whole number from 1 to 65535, or 0 for any free port this run only (got 70000)."
        });
        expect(await electron.invoke(bridgeChannels.run, "setThreads", {threads: 2})).toMatchObject({ok: true, message: "Threads: 2, used from the next model load."});
        expect(await electron.invoke(bridgeChannels.run, "setContextSize", {contextSize: 512})).toMatchObject({ok: true, result: {contextSize: 512}});
        expect(core.state).toMatchObject({threads: 2, contextSize: 512});
        expect(await electron.invoke(bridgeChannels.copyFirstCall)).toMatchObject({ok: true});
        expect(electron.clipboard.text).toContain(`Authorization: Bearer ${core.copyKey()}`);
        expect(electron.clipboard.text).toContain("/v1/chat/completions");
    });

    test("the page can't ask for what the Settings window may not call: the full key, a licence, an unknown name", async () => {
        const {electron, core} = await startTestTray();
        for (const name of ["key.show", "key.regenerate", "license.dev", "loadModel", "constructor", 42]) {
            const answer = await electron.invoke(bridgeChannels.run, name, {}) as {ok: boolean, message: string};
            expect(answer.ok, String(name)).toBe(false);
            expect(JSON.stringify(answer)).not.toContain(core.copyKey());
        }
        expect(core.state.edition).toBe("business");
    });

    test("a second launch opens the settings window; Quit stops the core gracefully, then quits Electron", async () => {
        const {electron, core, shell, disposedCount} = await startTestTray({session: {enabled: true, modelPath}});
        await waitFor(() => core.state.statusKind === "running");
        const port = core.state.listeningPort!;

        electron.appListeners.get("second-instance")?.();
        await waitFor(() => electron.calls.windowShown === 1);

        (item(electron.lastMenu(), "quit").click as () => void)();
        await waitFor(() => electron.calls.quit === 1);
        expect(disposedCount()).toBe(1);
        expect(core.state.status).toBe("Off");
        await expect(fetch(`http://127.0.0.1:${port}/v1/models`)).rejects.toThrow();
        expect(electron.handlers.size).toBe(0);

        await shell.quit();
        expect(electron.calls.quit).toBe(1);
    });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000) {
    const start = Date.now();
    while (!condition()) {
        if (Date.now() - start > timeoutMs) throw new Error("timed out");
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}
