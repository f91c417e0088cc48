import fs from "node:fs";
import path from "node:path";

export type IsSourceCheckoutDeps = {
    /** Default: `process.env`. `THOLOS_PACKAGED=1` forces "packaged". */
    readonly env?: NodeJS.ProcessEnv,

    /** Electron's `process.resourcesPath`; `undefined` under plain Node. Default: read from `process`. */
    readonly resourcesPath?: string | undefined
};

/**
 * Whether the app runs from a developer's source checkout (where the dev
 * licence key is trusted) rather than an installed/packaged build.
 *
 * True when `rootDir` has a `.git` entry, or both `tsconfig.json` and a
 * `contract/` directory — AND nothing says "packaged": no `.asar` segment in
 * `rootDir`, `rootDir` not inside Electron's `resourcesPath` (packaged apps
 * live in `<resources>/app.asar`), and `THOLOS_PACKAGED` is not `1`.
 */
export function isSourceCheckout(
    rootDir: string,
    {
        env = process.env,
        resourcesPath = (process as {resourcesPath?: string}).resourcesPath
    }: IsSourceCheckoutDeps = {}
): boolean {
    if (env.THOLOS_PACKAGED === "1")
        return false;

    const root = path.resolve(rootDir);
    if (root.split(/[\\/]/).some((segment) => /\.asar(\.unpacked)?$/i.test(segment)))
        return false;

    if (resourcesPath != null && resourcesPath !== "") {
        const resources = path.resolve(resourcesPath);
        if (/\.asar/i.test(resources) || isInside(root, resources))
            return false;
    }

    if (fs.existsSync(path.join(root, ".git")))
        return true;

    return isFile(path.join(root, "tsconfig.json")) && isDirectory(path.join(root, "contract"));
}

function isInside(child: string, parent: string): boolean {
    const relative = path.relative(parent, child);
    return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function isFile(p: string): boolean {
    return fs.statSync(p, {throwIfNoEntry: false})?.isFile() ?? false;
}

function isDirectory(p: string): boolean {
    return fs.statSync(p, {throwIfNoEntry: false})?.isDirectory() ?? false;
}
