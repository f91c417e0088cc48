// The settings page's only door to main (`window.tholos`). CommonJS (.cts): sandboxed preloads can't load ES modules
// and may require nothing but `electron`, so the channel names are repeated here; a test checks they match.
import electron = require("electron");
import type {AppState} from "../src/app/AppState.js";
import type {TholosBridge} from "./bridge/TholosBridge.js";

const {contextBridge, ipcRenderer} = electron;
type IpcRendererEvent = electron.IpcRendererEvent;

const channels = {
    getState: "tholos:get-state",
    setEnabled: "tholos:set-enabled",
    copyKey: "tholos:copy-key",
    regenerateKey: "tholos:regenerate-key",
    test: "tholos:test",
    copyFirstCall: "tholos:copy-first-call",
    setPort: "tholos:set-port",
    chooseModel: "tholos:choose-model",
    unloadModel: "tholos:unload-model",
    clearStoredResponses: "tholos:clear-stored-responses"
} as const;
const stateChannel = "tholos:state";

const bridge: TholosBridge = {
    getState: () => ipcRenderer.invoke(channels.getState),
    onState: (listener) => {
        const wrapped = (_event: IpcRendererEvent, state: AppState) => listener(state);
        ipcRenderer.on(stateChannel, wrapped);
        return () => void ipcRenderer.removeListener(stateChannel, wrapped);
    },
    setEnabled: (enabled) => ipcRenderer.invoke(channels.setEnabled, enabled),
    copyKey: () => ipcRenderer.invoke(channels.copyKey),
    regenerateKey: () => ipcRenderer.invoke(channels.regenerateKey),
    test: () => ipcRenderer.invoke(channels.test),
    copyFirstCall: () => ipcRenderer.invoke(channels.copyFirstCall),
    setPort: (port) => ipcRenderer.invoke(channels.setPort, port),
    chooseModel: () => ipcRenderer.invoke(channels.chooseModel),
    unloadModel: () => ipcRenderer.invoke(channels.unloadModel),
    clearStoredResponses: () => ipcRenderer.invoke(channels.clearStoredResponses)
};

contextBridge.exposeInMainWorld("tholos", bridge);
