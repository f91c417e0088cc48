import {z} from "zod";
import {allowedOriginRule} from "../rules/allowedOriginRule.js";
import {contextSizeRule} from "../rules/contextSizeRule.js";
import {promptCacheRule} from "../rules/promptCacheRule.js";

/**
 * `settings.json`. Every field has a default or is optional, so `{}` (or a
 * missing file) is a valid configuration.
 *
 * Unknown keys pass through untouched: a settings file written by a newer
 * version must survive being loaded and saved by this one.
 */
export const settingsSchema = z.object({
    /**
     * The user's "Enable Local API Server" switch. Default: `false`.
     * Only a wish: the server runs only on the Business edition (enforced by
     * the app core from the licence, never from this file).
     */
    enabled: z.boolean().default(false),

    /** TCP port on 127.0.0.1. Default: `8756`. */
    port: z.number().int().min(1).max(65535).default(8756),

    /** CPU threads for inference. Absent: chosen automatically by the engine. */
    threads: z.number().int().min(1).optional(),

    /** `"auto"` uses a GPU when one is usable; `"cpu"` never does. Default: `"auto"`. */
    gpu: z.enum(["auto", "cpu"]).default("auto"),

    /** Tokens per sequence for the model load, checked by `contextSizeRule` (its range and message). Absent or `null`: the engine's default. */
    contextSize: contextSizeRule.optional(),

    /**
     * MiB of RAM for the engine's prompt cache (prompts kept past their sequences and restored instead of read again),
     * checked by `promptCacheRule`; 0 turns it off. Absent or `null`: the engine's default (a sixteenth of RAM, at most 1 GiB).
     */
    promptCacheMiB: promptCacheRule.optional(),

    /** Absolute path of the GGUF model to load at start. Absent: no model. */
    modelPath: z.string().min(1).optional(),

    /** Parallel sequences (concurrent generations) in the pool. Absent: engine default. */
    sequences: z.number().int().min(1).max(16).optional(),

    /** Most `/v1/responses` answers kept (`store: true`); the oldest go first. Default: `10000`. */
    responsesMaxCount: z.number().int().min(1).default(10_000),

    /** Days a stored response is kept. Default: `30`. */
    responsesMaxAgeDays: z.number().min(0).default(30),

    /**
     * Browser origins (e.g. `"http://localhost:3000"`) that get CORS headers, each exactly as `allowedOriginRule`
     * accepts it (normalised when read). Default: `[]` — no CORS headers at all.
     */
    allowedOrigins: z.array(allowedOriginRule).default([])
}).passthrough();

/** Settings after defaults are applied (what the app reads). */
export type Settings = z.output<typeof settingsSchema>;
