import type {BrowserWindowConstructorOptions, MenuItemConstructorOptions, MessageBoxOptions, OpenDialogOptions} from "electron";
import type {AppCore} from "../src/app/AppCore.js";

/** The parts of Electron's `Menu` instances the shell touches. */
export type MenuLike = object;

/** The parts of Electron's `Tray` the shell touches. */
export type TrayLike = {
    setImage(image: string): void,
    setToolTip(toolTip: string): void,
    setContextMenu(menu: MenuLike | null): void,
    popUpContextMenu(menu?: MenuLike): void,
    on(event: "right-click", listener: () => void): unknown
};

/** The parts of a `menubar` instance the shell touches. */
export type MenubarLike = {
    readonly tray: TrayLike,
    readonly window: {readonly webContents: {send(channel: string, ...args: unknown[]): void}} | undefined,
    on(event: "ready", listener: () => void): unknown,
    showWindow(): Promise<void> | void
};

export type MenubarOptions = {
    /** `file://` URL of the settings page. */
    readonly index: string,
    readonly icon: string,
    readonly tooltip: string,
    readonly preloadWindow: boolean,
    readonly showDockIcon: boolean,
    readonly browserWindow: BrowserWindowConstructorOptions
};

/** The core the shell drives, and how to let it go (an `AppInstance` also closes its control socket). */
export type TrayCoreHandle = {
    readonly core: AppCore,
    dispose(): Promise<void>
};

/**
 * Electron, injected: `electron-main.ts` passes the real module (and `menubar`), tests a recording fake, so the
 * wiring is tested without Electron's binary.
 */
export type TrayShellDeps = {
    readonly app: {
        requestSingleInstanceLock(): boolean,
        quit(): void,
        whenReady(): Promise<unknown>,
        on(event: "second-instance", listener: () => void): unknown,
        readonly dock?: {hide(): void} | undefined
    },
    readonly Menu: {buildFromTemplate(template: MenuItemConstructorOptions[]): MenuLike},
    readonly createMenubar: (options: MenubarOptions) => MenubarLike,
    readonly dialog: {
        showMessageBox(options: MessageBoxOptions): Promise<{response: number}>,
        showOpenDialog(options: OpenDialogOptions): Promise<{canceled: boolean, filePaths: string[]}>
    },
    readonly clipboard: {writeText(text: string): void},
    readonly ipcMain: {
        handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown): void,
        removeHandler(channel: string): void
    },

    /** Opens the core (the real entry: `AppInstance.open()`, so the CLI reaches the tray through the control socket). */
    readonly openCore: () => Promise<TrayCoreHandle>,

    /** `process.platform`: Linux trays only show an attached context menu. */
    readonly platform: NodeJS.Platform
};
