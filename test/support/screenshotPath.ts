import {fileURLToPath} from "node:url";

/**
 * Where a test writes a screenshot for review: the ignored `.tmp/screenshots/`, so a test run never changes the
 * tracked tree; `npm run screenshots` (THOLOS_SCREENSHOTS=docs) writes them to `docs/`, on purpose.
 */
export function screenshotPath(name: string) {
    const folder = process.env.THOLOS_SCREENSHOTS === "docs" ? "docs" : ".tmp/screenshots";
    return fileURLToPath(new URL(`../../${folder}/${name}`, import.meta.url));
}
