import {existsSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";

/** The folder holding package.json and openapi.json, whether running from `src/` (tsx, tests) or `dist/src/`. */
export function packageRoot(from: string = import.meta.url) {
    let dir = path.dirname(fileURLToPath(from));
    while (!existsSync(path.join(dir, "package.json"))) {
        const parent = path.dirname(dir);
        if (parent === dir) throw new Error("package.json not found above " + fileURLToPath(from));
        dir = parent;
    }
    return dir;
}
