import {TrayShell} from "./TrayShell.js";
import type {TrayShellDeps} from "./TrayShellDeps.js";
import type {TrayShellOptions} from "./TrayShellOptions.js";

/**
 * Starts the tray app on injected Electron: takes the single-instance lock (a second launch quits and shows the
 * first one's settings instead), hides the macOS dock icon, opens the core and loads the stored model.
 * Resolves to `null` when another instance already runs.
 */
export async function startTray(deps: TrayShellDeps, options: TrayShellOptions): Promise<TrayShell | null> {
    if (!deps.app.requestSingleInstanceLock()) {
        deps.app.quit();
        return null;
    }
    await deps.app.whenReady();
    deps.app.dock?.hide();

    const handle = await deps.openCore();
    const shell = new TrayShell({deps, handle, options});
    deps.app.on("second-instance", () => void shell.showSettings());
    // Loading the stored model can take a while; the tray shows its progress meanwhile.
    void handle.core.start().catch(() => undefined);
    return shell;
}
