import type {AppState} from "../app/AppState.js";
import type {InstanceWhere} from "./instance/runOnInstance.js";

/**
 * The status line, then the details a user needs: edition, switch and port, engine settings, model, base URL,
 * where the key lives, the origins allowed CORS headers, and the instance (or, when none runs, the data dir).
 */
export function formatState(state: AppState, where: InstanceWhere): string {
    const auto = (value: number | null) => value == null ? "auto" : String(value);
    const lines = [
        state.status,
        ...(where.running ? [] : ["Not running: no Tholos instance runs for this data dir; `tholos serve` (or the tray app) starts it."]),
        `Edition:   ${state.edition === "business" ? "Business" : "Personal"} — ${state.editionReason}`,
        `Switch:    ${state.enabled ? "on" : "off"}, port ${state.port === 0 ? "0 (any free port)" : state.port}`,
        `Engine:    threads ${auto(state.threads)}, GPU ${state.gpu}, context size ${auto(state.contextSize)}`,
        `Model:     ${modelLine(state)}`
    ];
    if (state.baseUrl != null) lines.push(`Base URL:  ${state.baseUrl}`);
    lines.push(`API key:   ${state.apiKey.masked ?? "(unavailable)"} in ${state.apiKey.location}`);
    lines.push(`Origins:   ${state.allowedOrigins.length === 0 ? "none (no CORS headers; `tholos origins add <origin>`)" : state.allowedOrigins.join(", ")}`);
    if (state.settingsProblem != null) lines.push(`Settings:  ${state.settingsProblem}`);
    lines.push(where.running ? `Instance:  pid ${state.pid}, control socket ${where.socketPath}` : `Data dir:  ${where.dataDir}`);
    return lines.join("\n") + "\n";
}

function modelLine({model, modelPath}: AppState): string {
    switch (model.state) {
        case "none":
            return modelPath == null ? "none (load one with `tholos load <file.gguf>`)" : `none loaded; loads ${modelPath} at start`;
        case "loading":
            return `loading ${model.name} (${Math.round(model.progress * 100)}%)`;
        case "loaded":
            return `${model.id} (${model.path})`;
        case "failed":
            return `failed to load ${model.path}`;
    }
}
