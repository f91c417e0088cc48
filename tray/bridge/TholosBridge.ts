import type {AppState} from "../../src/app/AppState.js";
import type {OperationNameFor, OperationParams, OperationResult} from "../../src/app/operations/appOperations.js";

/** The outcome of a main-side action: what to show inline next to the control. */
export type BridgeResult = {readonly ok: boolean, readonly message: string};

/** An operation's answer: its result and the line `done` gives (may be empty), or why it failed. */
export type BridgeAnswer<R> =
    | {readonly ok: true, readonly result: R, readonly message: string}
    | {readonly ok: false, readonly message: string};

/** The operations of `appOperations` the Settings window may call. */
export type SettingsOperation = OperationNameFor<"settings">;

/** Operations without params may be called without any. */
type ParamsArg<N extends SettingsOperation> = undefined extends OperationParams<N> ? [params?: OperationParams<N>] : [params: OperationParams<N>];

/**
 * `window.tholos`: everything the settings page may ask of the main process (exposed by `preload.cts` through
 * `contextBridge`). `run` is any operation open to the Settings window (main checks the name, the caller and the
 * params); the rest need main's clipboard or dialogs. The page never sees the full API key.
 */
export type TholosBridge = {
    readonly run: <N extends SettingsOperation>(name: N, ...params: ParamsArg<N>) => Promise<BridgeAnswer<OperationResult<N>>>,

    /** Calls `listener` with every new state; returns the unsubscribe function. */
    readonly onState: (listener: (state: AppState) => void) => () => void,
    readonly copyKey: () => Promise<BridgeResult>,

    /** The page has already asked for confirmation. */
    readonly regenerateKey: () => Promise<BridgeResult>,

    /** Copies the first-call curl command, with the real key in it. */
    readonly copyFirstCall: () => Promise<BridgeResult>,

    /** Opens the .gguf file dialog in main and loads the chosen file. */
    readonly chooseModel: () => Promise<BridgeResult>
};

/** The `ipcMain.handle` channels, one per request method of `TholosBridge`. */
export const bridgeChannels = {
    run: "tholos:run",
    copyKey: "tholos:copy-key",
    regenerateKey: "tholos:regenerate-key",
    copyFirstCall: "tholos:copy-first-call",
    chooseModel: "tholos:choose-model"
} as const satisfies Record<Exclude<keyof TholosBridge, "onState">, string>;

/** Main → page: the new `AppState`. */
export const stateChannel = "tholos:state";
