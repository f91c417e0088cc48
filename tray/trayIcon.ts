import path from "node:path";
import type {AppState} from "../src/app/AppState.js";
import type {TrayIconKind} from "./TrayIconKind.js";

/**
 * The tray image for a state: `<assetsDir>/tray-<kind>.png` (Electron picks the `@2x` file on HiDPI screens by
 * itself). A model still loading counts as waiting.
 */
export function trayIcon(state: AppState, assetsDir: string): {readonly kind: TrayIconKind, readonly file: string} {
    const kind = iconKind(state);
    return {kind, file: path.join(assetsDir, `tray-${kind}.png`)};
}

function iconKind(state: AppState): TrayIconKind {
    switch (state.statusKind) {
        case "running": return "running";
        case "enabled": return "waiting";
        case "error": return "error";
        case "off":
        case "locked":
            return "off";
    }
}
