import type {ActiveLicense} from "../../app/license/LicenseStore.js";

/** One line naming the licence: edition, licensee, whether it is the development one, issue date and id. */
export function describeLicense({license, signer}: ActiveLicense): string {
    const edition = license.edition === "business" ? "Business" : "Personal";
    return `${edition} licence for ${license.licensee}${signer === "development" ? " (development licence, source checkouts only)" : ""}, issued ${license.issuedAt}, id ${license.id}.`;
}
