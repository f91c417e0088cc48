import {errorMessage} from "../utils/errorMessage.js";

const choosePort = "Choose another port (Settings → Local API Server, or `tholos port <n>`).";

/** The `Error — …` text (without the prefix) for a server that could not start on `port`: what happened and what to do. */
export function describeListenError(err: unknown, port: number): string {
    const code = (err as NodeJS.ErrnoException | null)?.code;
    if (code === "EADDRINUSE")
        return `port ${port} is already in use by another program. ${choosePort}`;

    if (code === "EACCES" || code === "EPERM")
        return `port ${port} may not be used by this user (${code}). ${choosePort}`;

    if (typeof code === "string")
        return `the server could not listen on port ${port} (${errorMessage(err)}). ${choosePort}`;

    return `the server could not start: ${errorMessage(err)}. Restart Tholos; if it keeps happening, report it.`;
}
