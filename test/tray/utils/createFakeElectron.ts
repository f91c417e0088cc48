import type {MenuItemConstructorOptions, MessageBoxOptions, OpenDialogOptions} from "electron";
import type {MenubarOptions, TrayShellDeps} from "../../../tray/TrayShellDeps.js";

/** A recording stand-in for the Electron API the tray shell uses; the answers to dialogs are queued by the test. */
export function createFakeElectron() {
    const calls = {
        quit: 0,
        dockHidden: 0,
        menus: [] as MenuItemConstructorOptions[][],
        images: [] as string[],
        tooltips: [] as string[],
        contextMenus: 0,
        sent: [] as {channel: string, args: unknown[]}[],
        messageBoxes: [] as MessageBoxOptions[],
        openDialogs: [] as OpenDialogOptions[],
        windowShown: 0,
        menubarOptions: null as MenubarOptions | null
    };
    const appListeners = new Map<string, () => void>();
    const trayListeners = new Map<string, () => void>();
    const readyListeners: (() => void)[] = [];
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const answers = {
        lock: true,
        messageBox: [] as number[],
        openDialog: [] as {canceled: boolean, filePaths: string[]}[]
    };
    const clipboard = {text: ""};

    const deps: Omit<TrayShellDeps, "openCore"> = {
        app: {
            requestSingleInstanceLock: () => answers.lock,
            quit: () => void calls.quit++,
            whenReady: async () => undefined,
            on: (event, listener) => appListeners.set(event, listener),
            dock: {hide: () => void calls.dockHidden++}
        },
        Menu: {
            buildFromTemplate: (template) => {
                calls.menus.push(template);
                return {template};
            }
        },
        createMenubar: (options) => {
            calls.menubarOptions = options;
            queueMicrotask(() => readyListeners.forEach((listener) => listener()));
            return {
                tray: {
                    setImage: (image) => void calls.images.push(image),
                    setToolTip: (text) => void calls.tooltips.push(text),
                    setContextMenu: () => void calls.contextMenus++,
                    popUpContextMenu: () => undefined,
                    on: (event, listener) => trayListeners.set(event, listener)
                },
                window: {webContents: {send: (channel, ...args) => void calls.sent.push({channel, args})}},
                on: (_event, listener) => readyListeners.push(listener),
                showWindow: () => void calls.windowShown++
            };
        },
        dialog: {
            showMessageBox: async (options) => {
                calls.messageBoxes.push(options);
                return {response: answers.messageBox.shift() ?? 0};
            },
            showOpenDialog: async (options) => {
                calls.openDialogs.push(options);
                return answers.openDialog.shift() ?? {canceled: true, filePaths: []};
            }
        },
        clipboard: {writeText: (text) => void (clipboard.text = text)},
        ipcMain: {
            handle: (channel, listener) => void handlers.set(channel, listener),
            removeHandler: (channel) => void handlers.delete(channel)
        },
        platform: "linux"
    };

    return {
        deps, calls, answers, clipboard, handlers, appListeners,
        /** The items of the menu last built. */
        lastMenu: () => calls.menus.at(-1) ?? [],
        invoke: (channel: string, ...args: unknown[]) => {
            const handler = handlers.get(channel);
            if (handler == null) throw new Error(`no handler for ${channel}`);
            return handler({}, ...args);
        }
    };
}
