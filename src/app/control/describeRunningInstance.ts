import type {RunningInstance} from "./findRunningInstance.js";

/** One paragraph telling a second start where the first instance runs and what to do instead. */
export function describeRunningInstance(instance: RunningInstance): string {
    const where = instance.state == null
        ? "(it did not answer a status request)"
        : `(pid ${instance.state.pid}): ${instance.state.status}`;
    return `Tholos is already running ${where}. It is controlled through ${instance.socketPath}; ` +
        "use `tholos status`, `tholos load <file.gguf>`, `tholos port <n>`… to drive it, or stop it first (Ctrl+C where `tholos serve` runs, or quit the tray app).";
}
