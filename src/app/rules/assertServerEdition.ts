import {AppCoreError} from "../AppCoreError.js";
import type {EditionStatus} from "../license/LicenseStore.js";

/** The edition gate (SPEC §2): only Business may switch the Local API Server on; else `AppCoreError("edition_locked")`. */
export function assertServerEdition(edition: EditionStatus): void {
    if (edition.edition !== "business")
        throw new AppCoreError("edition_locked",
            `The Local API Server is available on the Business edition. ${edition.reason} Activate a Business licence (\`tholos license activate <file>\`).`);
}
