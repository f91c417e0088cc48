import {mkdtemp} from "node:fs/promises";
import path from "node:path";
import {stateFolderParent} from "./stateFolderParent.js";

/**
 * A new private folder for sequence state files in `stateFolderParent()`: `mkdtemp` creates it 0700, so other users
 * can't read the prompts the files hold. Its owner deletes it.
 */
export function createStateFolder(prefix: string) {
    return mkdtemp(path.join(stateFolderParent(), prefix));
}
