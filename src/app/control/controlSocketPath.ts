import {createHash} from "node:crypto";
import path from "node:path";

/**
 * Where the running instance listens for the CLI: `<dataDir>/control.sock` (a Unix socket, mode 0600, in the 0700
 * data dir), or on Windows a named pipe `\\.\pipe\tholos-<hash of dataDir>` — pipes live in their own namespace, so
 * the data dir is hashed in to keep one instance per data dir there too.
 *
 * @param platform - default `process.platform`
 */
export function controlSocketPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
    if (platform === "win32") {
        const hash = createHash("sha256").update(path.win32.resolve(dataDir).toLowerCase()).digest("hex").slice(0, 16);
        return `\\\\.\\pipe\\tholos-${hash}`;
    }
    return path.posix.join(dataDir, "control.sock");
}
