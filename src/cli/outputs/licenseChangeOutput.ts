import type {ActiveLicense} from "../../app/license/LicenseStore.js";
import type {AppState} from "../../app/AppState.js";
import type {InstanceWhere} from "../instance/runOnInstance.js";
import {describeLicense} from "./describeLicense.js";

/** `tholos license activate|dev`: the licence now installed; a running instance's status line, which the new edition may change. */
export const licenseChangeOutput = {
    print({license, state}: {readonly license: ActiveLicense, readonly state: AppState}, {where}: {readonly where: InstanceWhere}) {
        process.stdout.write(`${describeLicense(license)}\n`);
        if (where.running) process.stdout.write(`${state.status}\n`);
    }
};
