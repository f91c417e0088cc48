import fs from "node:fs";
import path from "node:path";

/**
 * The nearest directory at or above `startDir` holding a `package.json` —
 * the package root whether running from `src/` (tsx/vitest) or `dist/src/`.
 * Falls back to `startDir` when there is none.
 */
export function findPackageRoot(startDir: string): string {
    let dir = path.resolve(startDir);
    for (;;) {
        if (fs.existsSync(path.join(dir, "package.json")))
            return dir;

        const parent = path.dirname(dir);
        if (parent === dir)
            return path.resolve(startDir);

        dir = parent;
    }
}
