import type {CliOutput} from "./CliOutput.js";
import {describeLicense} from "./describeLicense.js";

/** `tholos license show`: the licence, or why there is none that counts, and its file. */
export const licenseShowOutput: CliOutput<"license.show"> = {
    print(status) {
        switch (status.state) {
            case "none":
                process.stdout.write(`No licence installed (Personal edition). Activate one with \`tholos license activate <file>\`.\nFile: ${status.filePath}\n`);
                break;
            case "invalid":
                process.stdout.write(`The installed licence was rejected (${status.code}): ${status.message}. Personal edition.\nFile: ${status.filePath}\n`);
                break;
            case "valid":
                process.stdout.write(`${describeLicense(status)}\nFile: ${status.filePath}\n`);
                break;
        }
    }
};
