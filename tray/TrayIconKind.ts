/** The four tray images: server off (or locked), enabled and waiting for a model, running, error. */
export type TrayIconKind = "off" | "waiting" | "running" | "error";
