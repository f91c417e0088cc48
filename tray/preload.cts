// The settings page's only door to main (`window.tholos`). CommonJS (.cts): sandboxed preloads can't load ES modules
// and may require nothing but `electron`, so the channel names are repeated here; a test checks they match.
import electron = require("electron");
import type {AppState} from "../src/app/AppState.js";
import type {TholosBridge} from "./bridge/TholosBridge.js";

const {contextBridge, ipcRenderer} = electron;
type IpcRendererEvent = electron.IpcRendererEvent;

const channels = {
    run: "tholos:run",
    copyKey: "tholos:copy-key",
    regenerateKey: "tholos:regenerate-key",
    copyFirstCall: "tholos:copy-first-call",
    chooseModel: "tholos:choose-model"
} as const;
const stateChannel = "tholos:state";

const bridge: TholosBridge = {
    run: (name, ...params) => ipcRenderer.invoke(channels.run, name, ...params),
    onState: (listener) => {
        const wrapped = (_event: IpcRendererEvent, state: AppState) => listener(state);
        ipcRenderer.on(stateChannel, wrapped);
        return () => void ipcRenderer.removeListener(stateChannel, wrapped);
    },
    copyKey: () => ipcRenderer.invoke(channels.copyKey),
    regenerateKey: () => ipcRenderer.invoke(channels.regenerateKey),
    copyFirstCall: () => ipcRenderer.invoke(channels.copyFirstCall),
    chooseModel: () => ipcRenderer.invoke(channels.chooseModel)
};

contextBridge.exposeInMainWorld("tholos", bridge);
