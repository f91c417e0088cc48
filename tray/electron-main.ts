import path from "node:path";
import {fileURLToPath} from "node:url";
import {app, clipboard, dialog, ipcMain, Menu} from "electron";
import {menubar} from "menubar";
import {AppInstance} from "../src/app/AppInstance.js";
import {packageRoot} from "../src/packageRoot.js";
import {startTray} from "./main.js";

// The real entry (`npm start`): Electron and menubar passed to the shell. Compiled to dist-tray/tray/.
const root = packageRoot(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

const shell = await startTray({
    app,
    Menu,
    createMenubar: (options) => menubar(options),
    dialog,
    clipboard,
    ipcMain,
    openCore: async () => {
        const instance = await AppInstance.open();
        return {core: instance.core, dispose: () => instance.dispose()};
    },
    platform: process.platform
}, {
    assetsDir: path.join(root, "tray", "assets"),
    settingsHtml: path.join(root, "tray", "renderer", "settings.html"),
    preload: path.join(here, "preload.cjs")
}).catch((err: unknown) => {
    dialog.showErrorBox("Tholos could not start", err instanceof Error ? err.message : String(err));
    app.exit(1);
    return null;
});

// Quitting from anywhere (the dock, the OS, ⌘Q) stops the server and frees the model first.
let stopped = false;
app.on("before-quit", (event) => {
    if (shell == null || stopped) return;
    event.preventDefault();
    void shell.quit().finally(() => {
        stopped = true;
        app.quit();
    });
});
// A tray app stays alive without windows.
app.on("window-all-closed", () => undefined);
