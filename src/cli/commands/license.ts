import path from "node:path";
import type {ActiveLicense, LicenseStatus} from "../../app/license/LicenseStore.js";
import {UserInputError} from "../UserInputError.js";
import {runOnInstance} from "../instance/runOnInstance.js";
import {parsePositionals} from "../parsePositionals.js";

const usage = "tholos license activate <file> | show | dev";

/**
 * `tholos license activate <file> | show | dev`. A running instance applies the new edition at once (a Business
 * licence lets its server start); `dev` works only from a source checkout.
 */
export async function licenseCommand(args: string[]) {
    const [action, ...rest] = args;
    if (action === "show") {
        parsePositionals(rest, [], "tholos license show");
        const status = await runOnInstance({
            online: (client) => client.request("license.show"),
            offline: (stored) => stored.licenseStatus()
        });
        process.stdout.write(describeStatus(status));
        return;
    }
    if (action === "activate" || action === "dev") {
        const file = action === "activate" ? path.resolve(parsePositionals(rest, ["file"], "tholos license activate <file>")[0]!) : null;
        if (action === "dev") parsePositionals(rest, [], "tholos license dev");
        const {license, status} = await runOnInstance<{license: ActiveLicense, status: string | null}>({
            async online(client) {
                const answer = file != null
                    ? await client.request("license.activate", {path: file})
                    : await client.request("license.dev");
                return {license: answer.license, status: answer.state.status};
            },
            async offline(stored) {
                const active = file != null ? await stored.activateLicense(file) : await stored.issueDevLicense();
                return {license: active, status: null};
            }
        });
        process.stdout.write(`${describeLicense(license)}\n`);
        if (status != null) process.stdout.write(`${status}\n`);
        return;
    }
    throw new UserInputError(`${action == null ? "Missing" : `Unknown`} licence action${action == null ? "" : ` "${action}"`}. Usage: ${usage}`);
}

function describeLicense({license, signer}: ActiveLicense): string {
    const edition = license.edition === "business" ? "Business" : "Personal";
    return `${edition} licence for ${license.licensee}${signer === "development" ? " (development licence, source checkouts only)" : ""}, issued ${license.issuedAt}, id ${license.id}.`;
}

function describeStatus(status: LicenseStatus): string {
    switch (status.state) {
        case "none":
            return `No licence installed (Personal edition). Activate one with \`tholos license activate <file>\`.\nFile: ${status.filePath}\n`;
        case "invalid":
            return `The installed licence was rejected (${status.code}): ${status.message}. Personal edition.\nFile: ${status.filePath}\n`;
        case "valid":
            return `${describeLicense(status)}\nFile: ${status.filePath}\n`;
    }
}
