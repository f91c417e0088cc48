import path from "node:path";
import type {MenuItemConstructorOptions} from "electron";
import {describe, expect, test, vi} from "vitest";
import type {AppState} from "../../src/app/AppState.js";
import {buildTrayMenu} from "../../tray/buildTrayMenu.js";
import type {TrayMenuActions} from "../../tray/TrayMenuActions.js";
import {trayIcon} from "../../tray/trayIcon.js";

// Standalone: the menu and icon as pure functions of hand-made states, one per SPEC §2 status.

function makeState(patch: Partial<AppState> = {}): AppState {
    return {
        status: "Off",
        statusKind: "off",
        edition: "business",
        editionReason: "Business licence for Acme Ltd.",
        enabled: false,
        port: 8756,
        listeningPort: null,
        baseUrl: null,
        threads: null,
        gpu: "auto",
        contextSize: null,
        model: {state: "none"},
        modelPath: null,
        apiKey: {source: "file", location: "file /tmp/api-key (0600)", masked: "tholos_…abcd"},
        allowedOrigins: [],
        settingsProblem: null,
        storedResponses: 0,
        pid: 1,
        ...patch
    };
}

function makeActions() {
    return {
        setEnabled: vi.fn<(enabled: boolean) => void>(), copyKey: vi.fn<() => void>(), regenerateKey: vi.fn<() => void>(),
        test: vi.fn<() => void>(), loadModel: vi.fn<() => void>(), unloadModel: vi.fn<() => void>(),
        openSettings: vi.fn<() => void>(), quit: vi.fn<() => void>()
    } satisfies TrayMenuActions;
}

function item(menu: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
    const found = menu.find((entry) => entry.id === id);
    if (found == null) throw new Error(`no menu item ${id}`);
    return found;
}

function click(menu: MenuItemConstructorOptions[], id: string) {
    (item(menu, id).click as () => void)();
}

const loaded = {state: "loaded", path: "/m/stories260K.gguf", name: "stories260K.gguf", id: "stories260K"} as const;

const statuses: {name: string, state: AppState, icon: string}[] = [
    {name: "off", state: makeState(), icon: "off"},
    {
        name: "enabled, no model",
        state: makeState({status: "Enabled — starts once a model is loaded.", statusKind: "enabled", enabled: true}),
        icon: "waiting"
    },
    {
        name: "running",
        state: makeState({
            status: "Running — http://127.0.0.1:8756", statusKind: "running", enabled: true,
            listeningPort: 8756, baseUrl: "http://127.0.0.1:8756/v1", model: loaded
        }),
        icon: "running"
    },
    {
        name: "error",
        state: makeState({
            status: "Error — port 8756 is already in use by another program. Choose another port.", statusKind: "error",
            enabled: true, model: loaded
        }),
        icon: "error"
    },
    {
        name: "locked",
        state: makeState({status: "Locked — available on the Business edition", statusKind: "locked", edition: "personal", enabled: true}),
        icon: "off"
    }
];

describe("buildTrayMenu", () => {
    test.each(statuses)("$name: the first item is the Status line, disabled; the icon and the tooltip follow the status", ({state, icon}) => {
        const menu = buildTrayMenu(state, makeActions());
        expect(menu[0]).toMatchObject({id: "status", label: state.status, enabled: false});
        expect(trayIcon(state, "/assets")).toEqual({kind: icon, file: path.join("/assets", `tray-${icon}.png`)});
        expect(menu.map((entry) => entry.label ?? "-")).toEqual(expect.arrayContaining([
            "Copy API Key", "Regenerate API Key…", "Test Server", "Load Model…", "Unload Model", "Settings…", "Quit Tholos"
        ]));
    });

    test("the four server states have four distinct icons", () => {
        const kinds = new Set(statuses.map(({state}) => trayIcon(state, "/a").kind));
        expect(kinds).toEqual(new Set(["off", "waiting", "running", "error"]));
    });

    test("business: the switch is a live checkbox that toggles the other way", () => {
        const actions = makeActions();
        const off = buildTrayMenu(statuses[0]!.state, actions);
        expect(item(off, "enable")).toMatchObject({type: "checkbox", checked: false, enabled: true, label: "Enable Local API Server"});
        click(off, "enable");
        expect(actions.setEnabled).toHaveBeenLastCalledWith(true);

        const running = buildTrayMenu(statuses[2]!.state, actions);
        expect(item(running, "enable")).toMatchObject({checked: true, enabled: true});
        click(running, "enable");
        expect(actions.setEnabled).toHaveBeenLastCalledWith(false);
        expect(running.some((entry) => entry.id === "edition-note")).toBe(false);
    });

    test("personal edition: the switch is locked, unchecked even when set, with a Business edition note", () => {
        const menu = buildTrayMenu(statuses[4]!.state, makeActions());
        expect(item(menu, "enable")).toMatchObject({type: "checkbox", checked: false, enabled: false});
        expect(item(menu, "enable").label).toContain("Business edition");
        expect(item(menu, "edition-note")).toMatchObject({enabled: false});
        expect(item(menu, "edition-note").label).toContain("Business edition");
        expect(item(menu, "test").enabled).toBe(false);
    });

    test("every action item calls its action", () => {
        const actions = makeActions();
        const menu = buildTrayMenu(statuses[2]!.state, actions);
        const pairs = [
            ["copy-key", "copyKey"], ["regenerate-key", "regenerateKey"], ["test", "test"], ["load-model", "loadModel"],
            ["unload-model", "unloadModel"], ["settings", "openSettings"], ["quit", "quit"]
        ] as const;
        for (const [id, action] of pairs) {
            click(menu, id);
            expect(actions[action]).toHaveBeenCalledTimes(1);
        }
    });

    test("the model line: none, loading with progress, loaded, failed", () => {
        const actions = makeActions();
        const none = buildTrayMenu(makeState(), actions);
        expect(item(none, "model").label).toBe("No model loaded");
        expect(item(none, "unload-model").enabled).toBe(false);

        const loading = buildTrayMenu(makeState({model: {state: "loading", path: "/m/x.gguf", name: "x.gguf", progress: 0.426}}), actions);
        expect(item(loading, "model")).toMatchObject({label: "Loading x.gguf… 42%", enabled: false});
        expect(item(loading, "load-model").enabled).toBe(false);

        const done = buildTrayMenu(makeState({model: loaded}), actions);
        expect(item(done, "model").label).toBe("Model: stories260K.gguf");
        expect(item(done, "unload-model").enabled).toBe(true);

        const failed = buildTrayMenu(makeState({model: {state: "failed", path: "/m/x.gguf", name: "x.gguf", message: "bad"}}), actions);
        expect(item(failed, "model").label).toBe("Model: x.gguf — failed to load");
        expect(item(failed, "unload-model").enabled).toBe(true);
    });

    test("no key readable: Copy and Regenerate are disabled; a key from THOLOS_API_KEY can't be regenerated here", () => {
        const noKey = buildTrayMenu(makeState({apiKey: {source: "file", location: "f", masked: null}}), makeActions());
        expect(item(noKey, "copy-key").enabled).toBe(false);
        expect(item(noKey, "regenerate-key").enabled).toBe(false);

        const env = buildTrayMenu(makeState({apiKey: {source: "env", location: "THOLOS_API_KEY environment variable", masked: "t…1234"}}), makeActions());
        expect(item(env, "copy-key").enabled).toBe(true);
        expect(item(env, "regenerate-key").enabled).toBe(false);
    });
});
