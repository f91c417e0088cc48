import {chromium} from "playwright-core";

/** Debian's Chromium, headless, with nothing reaching for the network (this machine has none but loopback). */
export function launchChromium() {
    return chromium.launch({
        executablePath: process.env.THOLOS_CHROMIUM ?? "/usr/bin/chromium",
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"]
    });
}
