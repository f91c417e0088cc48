import type {MenuItemConstructorOptions} from "electron";
import type {AppState} from "../src/app/AppState.js";
import type {TrayMenuActions} from "./TrayMenuActions.js";

/**
 * The tray's context menu as a pure function of the app state (SPEC §2): rebuilt on every state change, so what it
 * shows is always the core's truth. Item ids are stable, for tests and for finding items in Electron's menu.
 */
export function buildTrayMenu(state: AppState, actions: TrayMenuActions): MenuItemConstructorOptions[] {
    const business = state.edition === "business";
    const hasKey = state.apiKey.masked != null;
    const model = state.model;

    const editionItems: MenuItemConstructorOptions[] = business
        ? []
        : [{id: "edition-note", label: "Business edition — upgrade to use the Local API Server", enabled: false}];

    return [
        {id: "status", label: state.status, enabled: false},
        {type: "separator"},
        {
            id: "enable",
            label: business ? "Enable Local API Server" : "Enable Local API Server (Business edition)",
            type: "checkbox",
            checked: business && state.enabled,
            enabled: business,
            click: () => actions.setEnabled(!state.enabled)
        },
        ...editionItems,
        {type: "separator"},
        {id: "copy-key", label: "Copy API Key", enabled: hasKey, click: () => actions.copyKey()},
        {
            id: "regenerate-key",
            label: "Regenerate API Key…",
            // A key set by THOLOS_API_KEY can only be changed where it is set.
            enabled: hasKey && state.apiKey.source !== "env",
            click: () => actions.regenerateKey()
        },
        {id: "test", label: "Test Server", enabled: business, click: () => actions.test()},
        {type: "separator"},
        {id: "model", label: modelLabel(model), enabled: false},
        {id: "load-model", label: "Load Model…", enabled: model.state !== "loading", click: () => actions.loadModel()},
        {id: "unload-model", label: "Unload Model", enabled: model.state === "loaded" || model.state === "failed", click: () => actions.unloadModel()},
        {type: "separator"},
        {id: "settings", label: "Settings…", click: () => actions.openSettings()},
        {id: "quit", label: "Quit Tholos", accelerator: "CommandOrControl+Q", click: () => actions.quit()}
    ];
}

function modelLabel(model: AppState["model"]): string {
    switch (model.state) {
        case "none": return "No model loaded";
        case "loading": return `Loading ${model.name}… ${Math.floor(model.progress * 100)}%`;
        case "loaded": return `Model: ${model.name}`;
        case "failed": return `Model: ${model.name} — failed to load`;
    }
}
