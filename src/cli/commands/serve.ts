import {z} from "zod";
import {AppCoreError} from "../../app/AppCoreError.js";
import {AppInstance} from "../../app/AppInstance.js";
import type {AppState} from "../../app/AppState.js";
import {LicenseError} from "../../app/license/LicenseError.js";
import {numberOrAuto} from "../../app/operations/utils/numberOrAuto.js";
import {contextSizeRule} from "../../app/rules/contextSizeRule.js";
import {gpuRule} from "../../app/rules/gpuRule.js";
import {portRule} from "../../app/rules/portRule.js";
import {promptCacheRule} from "../../app/rules/promptCacheRule.js";
import {threadsRule} from "../../app/rules/threadsRule.js";
import {parseCliArgs} from "../parseCliArgs.js";
import {UserInputError} from "../UserInputError.js";
import {drawProgress} from "../drawProgress.js";
import {keychainPreference} from "../instance/keychainPreference.js";

/** A flag's text as the rule expects it: digits as a number, `auto` as `null` (the rule's default), else as typed. */
const asRuleInput = (rule: z.ZodTypeAny) => z.preprocess((value) => typeof value === "string" ? numberOrAuto(value) : value, rule);

// The same rules as `tholos port`, `threads`, `gpu`, `context-size` and the Settings window (`--prompt-cache`: settings.json's).
const serveOptions = z.object({
    model: z.string().min(1).optional(),
    port: asRuleInput(portRule).optional(),
    threads: asRuleInput(threadsRule).optional(),
    gpu: gpuRule.optional(),
    sequences: z.coerce.number().int().min(1).max(64).optional(),
    "context-size": asRuleInput(contextSizeRule).optional(),
    "prompt-cache": asRuleInput(promptCacheRule).optional()
});

/**
 * `tholos serve`: the running instance, headless — switched on for this run, with `--model` (else the saved model),
 * flags overriding the saved settings for this run only. Prints the status line whenever it changes, a progress bar
 * while loading (on a terminal), and `Off` after a clean stop on SIGINT/SIGTERM. It keeps running through errors
 * (a bad model, a busy port) so `tholos load` / `tholos port` can fix them.
 */
export async function serveCommand(args: string[]) {
    const options = parseCliArgs(args, {
        model: {type: "string", short: "m"},
        port: {type: "string", short: "p"},
        threads: {type: "string"},
        gpu: {type: "string"},
        sequences: {type: "string"},
        "context-size": {type: "string"},
        "prompt-cache": {type: "string"}
    }, serveOptions);

    const env = process.env;
    let instance: AppInstance;
    try {
        instance = await AppInstance.open({
            env,
            useKeychain: keychainPreference(env),
            session: {
                enabled: true,
                port: options.port,
                // `auto` is what an absent flag means too: the saved setting, else the engine's choice.
                threads: options.threads ?? undefined,
                gpu: options.gpu,
                sequences: options.sequences,
                contextSize: options["context-size"] ?? undefined,
                promptCacheMiB: options["prompt-cache"] ?? undefined,
                modelPath: options.model
            }
        });
    } catch (error) {
        if (error instanceof AppCoreError && (error.code === "key_from_env" || error.code === "invalid_port" || error.code === "invalid_setting"))
            throw new UserInputError(error.message);
        throw error;
    }
    const core = instance.core;

    // A fresh source checkout has no licence; the README's one command must still serve, so issue the dev licence.
    if ((await core.licenseStatus()).state === "none") {
        try {
            await core.issueDevLicense();
            process.stderr.write("No licence was installed: issued a development Business licence (source checkouts only; " +
                "`tholos license show` shows it). Installed builds need `tholos license activate <file>`.\n");
        } catch (error) {
            if (!(error instanceof LicenseError && error.code === "license_dev_unavailable")) throw error;
        }
    }

    if (core.state.edition !== "business") {
        process.stdout.write(`${core.state.status}\n`);
        process.stderr.write(`${core.state.editionReason} Activate a Business licence with \`tholos license activate <file>\`.\n`);
        await instance.dispose();
        process.exitCode = 1;
        return;
    }

    let stopping = false;
    const report = createReporter(() => core.copyKey());
    core.onStateChange((state) => {
        if (!stopping) report(state);
    });
    report(core.state);
    if (core.state.settingsProblem != null) process.stderr.write(`${core.state.settingsProblem}\n`);

    const stop = async (signal: string) => {
        if (stopping) {
            process.stderr.write(`${signal} again: exiting without waiting.\n`);
            process.exit(130);
        }
        stopping = true;
        process.stderr.write(`\n${signal}: stopping…\n`);
        await instance.dispose();
        process.stdout.write("Off\n");
        // Whatever native handle might linger, a stopped server's process must not.
        setTimeout(() => process.exit(), 3000).unref();
    };
    process.on("SIGINT", () => void stop("SIGINT"));
    process.on("SIGTERM", () => void stop("SIGTERM"));

    await core.start();
    if (!stopping && core.state.model.state === "none")
        process.stderr.write("No model loaded: `tholos load <file.gguf>` loads one into this instance (or restart with --model).\n");
}

/** Prints each new status line (with connection details and the key once running, as the README says) and draws model load progress. */
function createReporter(apiKey: () => string): (state: AppState) => void {
    let lastStatus: string | null = null;
    let loading: string | null = null;
    return (state) => {
        const model = state.model;
        if (model.state === "loading") {
            if (loading !== model.path) {
                loading = model.path;
                process.stderr.write(`Loading ${model.name}…\n`);
            }
            drawProgress(process.stderr, model.progress);
        } else if (loading != null) {
            if (model.state !== "loaded" && process.stderr.isTTY) process.stderr.write("\n");
            loading = null;
        }

        if (state.status === lastStatus) return;
        lastStatus = state.status;
        process.stdout.write(`${state.status}\n`);
        if (state.statusKind === "running" && model.state === "loaded") {
            process.stdout.write(`Model: ${model.id} (${model.path})\nBase URL: ${state.baseUrl}\n`);
            process.stdout.write(`Reference: ${state.baseUrl!.replace(/\/v1$/, "")}/docs\n`);
            process.stdout.write(state.apiKey.source === "env"
                ? "API key: from THOLOS_API_KEY\n"
                : `API key: ${apiKey()} (in ${state.apiKey.location}; send it as "Authorization: Bearer <key>")\n`);
        }
    };
}
