import type {AppState} from "../../src/app/AppState.js";
import type {ServerTestResult} from "../../src/app/core/ServerTestResult.js";

/** The outcome of a settings-page action: what to show inline next to the control. */
export type BridgeResult = {readonly ok: boolean, readonly message: string};

/**
 * `window.tholos`: everything the settings page may ask of the main process (exposed by `preload.cts` through
 * `contextBridge`). The page never sees the full API key; Copy puts it on the clipboard from main.
 */
export type TholosBridge = {
    readonly getState: () => Promise<AppState>,

    /** Calls `listener` with every new state; returns the unsubscribe function. */
    readonly onState: (listener: (state: AppState) => void) => () => void,
    readonly setEnabled: (enabled: boolean) => Promise<BridgeResult>,
    readonly copyKey: () => Promise<BridgeResult>,

    /** The page has already asked for confirmation. */
    readonly regenerateKey: () => Promise<BridgeResult>,
    readonly test: () => Promise<ServerTestResult>,

    /** Copies the first-call curl command, with the real key in it. */
    readonly copyFirstCall: () => Promise<BridgeResult>,
    readonly setPort: (port: number) => Promise<BridgeResult>,

    /** Opens the .gguf file dialog in main and loads the chosen file. */
    readonly chooseModel: () => Promise<BridgeResult>,
    readonly unloadModel: () => Promise<BridgeResult>,

    /** The page has already asked for confirmation. */
    readonly clearStoredResponses: () => Promise<BridgeResult>
};

/** The `ipcMain.handle` channels, one per request method of `TholosBridge`. */
export const bridgeChannels = {
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
} as const satisfies Record<Exclude<keyof TholosBridge, "onState">, string>;

/** Main → page: the new `AppState`. */
export const stateChannel = "tholos:state";
