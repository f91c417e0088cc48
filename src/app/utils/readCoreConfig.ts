import path from "node:path";
import type {AppSessionOverrides} from "../AppCoreOptions.js";
import type {Settings} from "../settings/settingsSchema.js";

/** What the core runs with; `null` = the engine's default (or no model). Changed by the core's setters. */
export type CoreConfig = {
    enabled: boolean,
    port: number,
    threads: number | null,
    gpu: "auto" | "cpu",
    sequences: number | null,
    contextSize: number | null,

    /** MiB for the engine's prompt cache (0 = off); `null` = the engine's default. */
    promptCacheMiB: number | null,
    modelPath: string | null,

    /** Origins that get CORS headers (normalised by `allowedOriginRule`); empty: none does. */
    allowedOrigins: readonly string[]
};

/** The saved settings, overridden by this run's session values (already checked by their rules). */
export function readCoreConfig(session: AppSessionOverrides, stored: Settings): CoreConfig {
    return {
        enabled: session.enabled ?? stored.enabled,
        port: session.port ?? stored.port,
        threads: session.threads ?? stored.threads ?? null,
        gpu: session.gpu ?? stored.gpu,
        sequences: session.sequences ?? stored.sequences ?? null,
        contextSize: session.contextSize ?? stored.contextSize ?? null,
        promptCacheMiB: session.promptCacheMiB ?? stored.promptCacheMiB ?? null,
        modelPath: session.modelPath != null ? path.resolve(session.modelPath) : stored.modelPath ?? null,
        allowedOrigins: stored.allowedOrigins
    };
}
