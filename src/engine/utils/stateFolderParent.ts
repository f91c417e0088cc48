import {existsSync} from "node:fs";
import os from "node:os";

/**
 * Where sequence state files (which hold users' prompts) are written: /dev/shm, which is RAM, where there is one
 * (Linux); else the OS temporary folder (macOS and Windows have no RAM-backed folder a process can count on).
 */
export function stateFolderParent() {
    return existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir();
}
