/** What the tray menu's items do; `TrayShell` binds them to the app core and Electron's dialogs. */
export type TrayMenuActions = {
    readonly setEnabled: (enabled: boolean) => void,
    readonly copyKey: () => void,

    /** Asks for confirmation first. */
    readonly regenerateKey: () => void,
    readonly test: () => void,

    /** Opens a file dialog filtered to `.gguf`. */
    readonly loadModel: () => void,
    readonly unloadModel: () => void,
    readonly openSettings: () => void,

    /** Stops the server and frees the model, then quits. */
    readonly quit: () => void
};
