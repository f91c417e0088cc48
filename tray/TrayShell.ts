import {pathToFileURL} from "node:url";
import type {AppCore} from "../src/app/AppCore.js";
import type {AppState} from "../src/app/AppState.js";
import {errorMessage} from "../src/app/utils/errorMessage.js";
import {bridgeChannels, stateChannel} from "./bridge/TholosBridge.js";
import {createBridgeHandlers} from "./bridge/createBridgeHandlers.js";
import {buildTrayMenu} from "./buildTrayMenu.js";
import type {TrayMenuActions} from "./TrayMenuActions.js";
import type {TrayShellDeps, MenubarLike, MenuLike, TrayCoreHandle} from "./TrayShellDeps.js";
import type {TrayShellOptions} from "./TrayShellOptions.js";
import {trayIcon} from "./trayIcon.js";

/**
 * The tray app: a thin shell over the app core. Menu clicks call core actions; every state change rebuilds the menu
 * and sets the icon and tooltip (the Status line). The settings window talks to the same core over IPC.
 * Create with `startTray()`.
 */
export class TrayShell {
    readonly #deps: TrayShellDeps;
    readonly #handle: TrayCoreHandle;
    readonly #menubar: MenubarLike;
    readonly #options: TrayShellOptions;
    readonly #unsubscribe: () => void;
    #menu: MenuLike | null = null;
    #iconFile: string | null = null;
    #quitting: Promise<void> | null = null;

    /** The template of the menu last shown (tests read it). */
    public template: ReturnType<typeof buildTrayMenu> = [];

    public constructor(params: {deps: TrayShellDeps, handle: TrayCoreHandle, options: TrayShellOptions}) {
        this.#deps = params.deps;
        this.#handle = params.handle;
        this.#options = params.options;

        const state = this.core.state;
        this.#menubar = this.#deps.createMenubar({
            index: pathToFileURL(this.#options.settingsHtml).href,
            icon: trayIcon(state, this.#options.assetsDir).file,
            tooltip: state.status,
            preloadWindow: true,
            showDockIcon: false,
            browserWindow: {
                width: 480,
                height: 720,
                resizable: false,
                show: false,
                webPreferences: {
                    preload: this.#options.preload,
                    contextIsolation: true,
                    nodeIntegration: false,
                    sandbox: true,
                    webSecurity: true,
                    spellcheck: false
                }
            }
        });
        this.#registerBridge();
        this.#unsubscribe = this.core.onStateChange((next) => this.#render(next));
        this.#menubar.on("ready", () => {
            this.#menubar.tray.on("right-click", () => this.#menubar.tray.popUpContextMenu(this.#menu ?? undefined));
            this.#render(this.core.state);
        });
    }

    public get core(): AppCore {
        return this.#handle.core;
    }

    /** The menu's actions, as its items call them (tests call them directly too). Each resolves when done. */
    public readonly actions = {
        setEnabled: (enabled: boolean) => this.#run(() => enabled ? this.core.enable() : this.core.disable()),
        copyKey: () => this.#run(async () => this.#deps.clipboard.writeText(this.core.copyKey())),
        regenerateKey: () => this.#run(async () => {
            const {response} = await this.#deps.dialog.showMessageBox({
                type: "warning",
                buttons: ["Regenerate", "Cancel"],
                defaultId: 1,
                cancelId: 1,
                title: "Regenerate API Key",
                message: "Regenerate the API key?",
                detail: "The current key stops working at once: scripts using the old key will stop working until you give them the new one."
            });
            if (response !== 0) return;
            await this.core.regenerateKey();
            await this.#deps.dialog.showMessageBox({
                type: "info",
                message: "A new API key was created.",
                detail: "Use Copy API Key to put it on the clipboard."
            });
        }),
        test: () => this.#run(async () => {
            const result = await this.core.test();
            await this.#deps.dialog.showMessageBox({
                type: result.ok ? "info" : "warning",
                title: "Test Server",
                message: result.ok ? "The Local API Server answered." : "The Local API Server did not answer.",
                detail: result.message
            });
        }),
        loadModel: () => this.#run(async () => {
            const file = await this.#chooseModelFile();
            if (file != null) await this.core.loadModel(file);
        }),
        unloadModel: () => this.#run(() => this.core.unloadModel()),
        openSettings: () => this.#run(async () => {
            await this.#menubar.showWindow();
        }),
        quit: () => this.quit()
    } satisfies {[K in keyof TrayMenuActions]: (...args: Parameters<TrayMenuActions[K]>) => Promise<void>};

    /** Stops the server and frees the model, then quits Electron. Repeat-safe. */
    public quit(): Promise<void> {
        return this.#quitting ??= (async () => {
            this.#unsubscribe();
            for (const channel of Object.values(bridgeChannels)) this.#deps.ipcMain.removeHandler(channel);
            try {
                await this.#handle.dispose();
            } finally {
                this.#deps.app.quit();
            }
        })();
    }

    /** A second launch shows the settings window of this one. */
    public showSettings(): Promise<void> {
        return this.actions.openSettings();
    }

    #render(state: AppState): void {
        if (this.#quitting != null) return;
        // Each action reports its own failure (`#run`), so the menu may drop the promises.
        this.template = buildTrayMenu(state, this.actions);
        this.#menu = this.#deps.Menu.buildFromTemplate(this.template);
        const tray = this.#menubar.tray;
        // A right click pops the menu up elsewhere; Linux trays only show a menu attached to them.
        if (this.#deps.platform === "linux") tray.setContextMenu(this.#menu);
        const icon = trayIcon(state, this.#options.assetsDir).file;
        if (icon !== this.#iconFile) {
            tray.setImage(icon);
            this.#iconFile = icon;
        }
        tray.setToolTip(state.status);
        this.#menubar.window?.webContents.send(stateChannel, state);
    }

    #registerBridge(): void {
        const handlers = createBridgeHandlers(this.core, {
            clipboard: this.#deps.clipboard,
            chooseModelFile: () => this.#chooseModelFile()
        });
        // Each channel's handler checks what the page sends (see `BridgeHandlers`).
        for (const [name, channel] of Object.entries(bridgeChannels) as [keyof typeof bridgeChannels, string][])
            this.#deps.ipcMain.handle(channel, (_event, ...args: unknown[]) => (handlers[name] as (...a: unknown[]) => unknown)(...args));
    }

    async #chooseModelFile(): Promise<string | null> {
        const result = await this.#deps.dialog.showOpenDialog({
            title: "Load Model",
            buttonLabel: "Load",
            properties: ["openFile"],
            filters: [{name: "GGUF models", extensions: ["gguf"]}]
        });
        return result.canceled ? null : result.filePaths[0] ?? null;
    }

    /** Runs a menu action; a failure is shown to the user (the status line already says it when it's about the server). */
    async #run(action: () => Promise<void>): Promise<void> {
        try {
            await action();
        } catch (err) {
            await this.#deps.dialog.showMessageBox({type: "error", title: "Tholos", message: "That didn't work.", detail: errorMessage(err)})
                .catch(() => undefined);
        }
    }
}
