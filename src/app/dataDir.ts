import os from "node:os";
import path from "node:path";

/**
 * Where the app keeps its settings, API key file and licence.
 *
 * - `THOLOS_HOME` (when set and non-empty) wins, so tests, CI and portable
 *   installs never touch the real user profile.
 * - macOS: `~/Library/Application Support/Tholos AI`
 * - Windows: `%APPDATA%\Tholos AI` (falling back to `<home>\AppData\Roaming`)
 * - Linux and other Unixes: `$XDG_DATA_HOME/tholos`, else `~/.local/share/tholos`
 *
 * Pure: it only computes the path and creates nothing — the stores create the
 * directory (mode 0700) when they first write.
 *
 * @param env - environment to read; defaults to `process.env`
 * @param platform - OS to resolve for; defaults to `process.platform`
 */
export function resolveDataDir(
    env: NodeJS.ProcessEnv = process.env,
    platform: NodeJS.Platform = process.platform
): string {
    // Join with the target platform's separator so resolving for Windows on a
    // Linux CI box (and vice versa) gives the path that OS would use.
    const p = platform === "win32" ? path.win32 : path.posix;

    const override = env.THOLOS_HOME;
    if (override != null && override !== "")
        return p.resolve(override);

    const home = homeDir(env, platform);

    if (platform === "darwin")
        return p.join(home, "Library", "Application Support", "Tholos AI");

    if (platform === "win32") {
        const appData = env.APPDATA;
        return p.join(appData != null && appData !== "" ? appData : p.join(home, "AppData", "Roaming"), "Tholos AI");
    }

    // The XDG Base Directory spec says a relative $XDG_DATA_HOME is invalid and must be ignored.
    const xdgDataHome = env.XDG_DATA_HOME;
    if (xdgDataHome != null && p.isAbsolute(xdgDataHome))
        return p.join(xdgDataHome, "tholos");

    return p.join(home, ".local", "share", "tholos");
}

function homeDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
    // Prefer the environment over os.homedir() so an injected env fully
    // determines the result (os.homedir() reads the real process env/passwd).
    const fromEnv = platform === "win32" ? env.USERPROFILE : env.HOME;
    if (fromEnv != null && fromEnv !== "")
        return fromEnv;

    return os.homedir();
}
