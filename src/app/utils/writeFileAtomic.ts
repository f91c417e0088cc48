import {randomBytes} from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

export type WriteFileAtomicOptions = {
    /** File mode of the written file. Default: `0o600` (owner read/write only). */
    readonly mode?: number,

    /**
     * Mode for the parent directory when it has to be created (existing
     * directories are left alone). Default: `0o700`.
     */
    readonly dirMode?: number
};

/**
 * Replaces `filePath` with `data` so that a reader (or a crash) sees either
 * the old file or the complete new one, never a torn write.
 *
 * Writes `<file>.<pid>.<random>.tmp` next to the target (same directory, so
 * the rename cannot cross file systems), fsyncs it, renames it over the
 * target, then fsyncs the directory so the rename itself survives a power
 * cut. The temporary file is removed when anything fails.
 */
export async function writeFileAtomic(
    filePath: string,
    data: string | Uint8Array,
    {mode = 0o600, dirMode = 0o700}: WriteFileAtomicOptions = {}
): Promise<void> {
    const dir = path.dirname(filePath);
    await fs.mkdir(dir, {recursive: true, mode: dirMode});

    const tmpPath = `${filePath}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
        // "wx": never follow or reuse something already at the temp name.
        const handle = await fs.open(tmpPath, "wx", mode);
        try {
            await handle.writeFile(data);
            // The umask may have stripped bits from `mode` at creation; set it exactly.
            await handle.chmod(mode);
            await handle.sync();
        } finally {
            await handle.close();
        }
        await fs.rename(tmpPath, filePath);
    } catch (err) {
        await fs.rm(tmpPath, {force: true}).catch(() => undefined);
        throw err;
    }

    await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
    // Directories cannot be opened for fsync on Windows, and some file
    // systems refuse it; the data itself is already synced, so this is best effort.
    if (process.platform === "win32")
        return;

    try {
        const handle = await fs.open(dir, "r");
        try {
            await handle.sync();
        } finally {
            await handle.close();
        }
    } catch {
        // best effort, see above
    }
}
