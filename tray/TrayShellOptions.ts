/** Where the shell finds its files (`electron-main.ts` resolves them from the package root). */
export type TrayShellOptions = {
    /** Folder holding `tray-<kind>.png`. */
    readonly assetsDir: string,

    /** The settings page, `tray/renderer/settings.html`. */
    readonly settingsHtml: string,

    /** The compiled preload script (`preload.cjs`). */
    readonly preload: string
};
