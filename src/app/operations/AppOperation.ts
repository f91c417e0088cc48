import type {z} from "zod";
import type {AppCore} from "../AppCore.js";

/** Who may ask for an operation: `"control"` — the control socket (the CLI, as the user); `"settings"` — the Settings window's page. */
export type OperationCaller = "control" | "settings";

/** How `tholos` runs an operation: its words, its arguments, and how they become the params. */
export type OperationCli = {
    /** The words after `tholos`, e.g. `["key", "show"]`. */
    readonly command: readonly string[],

    /** Placeholder names of the positional arguments, for `--help` and usage errors, e.g. `["file.gguf"]`. Default: none. */
    readonly args?: readonly string[],

    /** The positional arguments (exactly `args.length`) as raw params, which `params` then checks. Default: `{}`. */
    readonly parse?: (args: readonly string[]) => unknown,

    /** Other word lists running it, e.g. `["responses"]` for `responses count`. Default: none. */
    readonly aliases?: readonly (readonly string[])[]
};

/**
 * One operation of the app core, as every face sees it: the control socket's method and the Settings window's bridge
 * call are its name; its params are checked by `params` wherever they come in; the CLI's command and `--help` line
 * come from `summary` and `cli`.
 */
export type AppOperation<P, R, C extends readonly OperationCaller[] = readonly OperationCaller[]> = {
    /** One line: the `--help` text. */
    readonly summary: string,

    /** The typed arguments, checked at every door with the rules of `src/app/rules/`. */
    readonly params: z.ZodType<P, z.ZodTypeDef, unknown>,

    /** Who may call it; the Settings window's page never gets an operation that answers with the full API key. */
    readonly callers: C,

    /** What it does on the running instance's core. */
    readonly run: (core: AppCore, params: P) => Promise<R>,

    /**
     * What it does when no instance runs: `"stored"` runs `run` on the stored state (an `AppCore` in the `"stored"`
     * role: the same rules and files, nothing served); a function runs instead, for what needs a running instance.
     */
    readonly withoutInstance: "stored" | ((stored: AppCore, params: P) => Promise<R>),

    /** The line the Settings window shows once it worked. Default: none. */
    readonly done?: (result: R, params: P) => string,

    /** Its `tholos` command; absent for operations only the Settings window uses. */
    readonly cli?: OperationCli
};

/** Types one entry of `appOperations` (the callers stay a literal list, so the faces can be derived by type). */
export function defineOperation<P, R, const C extends readonly OperationCaller[]>(operation: AppOperation<P, R, C>): AppOperation<P, R, C> {
    return operation;
}
