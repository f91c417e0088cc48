import type {AppState} from "../app/AppState.js";

/** The status line, then the details a user needs: edition, model, base URL, where the key lives, the instance. */
export function formatState(state: AppState, socketPath: string): string {
    const model = state.model;
    const modelLine = model.state === "none" ? "none (load one with `tholos load <file.gguf>`)"
        : model.state === "loading" ? `loading ${model.name} (${Math.round(model.progress * 100)}%)`
            : model.state === "loaded" ? `${model.id} (${model.path})`
                : `failed to load ${model.path}`;
    const lines = [
        state.status,
        `Edition:   ${state.edition === "business" ? "Business" : "Personal"} — ${state.editionReason}`,
        `Switch:    ${state.enabled ? "on" : "off"}, port ${state.port === 0 ? "0 (any free port)" : state.port}`,
        `Model:     ${modelLine}`
    ];
    if (state.baseUrl != null) lines.push(`Base URL:  ${state.baseUrl}`);
    lines.push(`API key:   ${state.apiKey.masked ?? "(unavailable)"} in ${state.apiKey.location}`);
    if (state.settingsProblem != null) lines.push(`Settings:  ${state.settingsProblem}`);
    lines.push(`Instance:  pid ${state.pid}, control socket ${socketPath}`);
    return lines.join("\n") + "\n";
}
