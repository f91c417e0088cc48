import path from "node:path";
import {z} from "zod";
import type {AppCore} from "../AppCore.js";
import {AppCoreError} from "../AppCoreError.js";
import type {AppState} from "../AppState.js";
import {allowedOriginRule} from "../rules/allowedOriginRule.js";
import {contextSizeRule} from "../rules/contextSizeRule.js";
import {gpuRule} from "../rules/gpuRule.js";
import {portRule} from "../rules/portRule.js";
import {threadsRule} from "../rules/threadsRule.js";
import {defineOperation, type OperationCaller} from "./AppOperation.js";
import {numberOrAuto} from "./utils/numberOrAuto.js";

/** The full key and where it lives: only for the control socket (the page never holds the key). */
export type ApiKeyAnswer = {
    readonly key: string,
    readonly source: AppState["apiKey"]["source"],
    readonly location: string
};

const noParams = z.object({}).strict().optional();
const filePath = z.string().min(1, "A file path is required.");
const everyone = ["control", "settings"] as const;
const controlOnly = ["control"] as const;

const keyAnswer = (core: AppCore, key: string): ApiKeyAnswer => ({key, source: core.state.apiKey.source, location: core.state.apiKey.location});
const nextLoad = "used from the next model load";
type OriginsAnswer = {readonly origins: readonly string[]};
const setOrigins = async (core: AppCore, origins: readonly string[]): Promise<OriginsAnswer> => {
    await core.setAllowedOrigins(origins);
    return {origins: core.state.allowedOrigins};
};
const fromNextRequest = "from the next request on";
const storedCount = (count: number) => `${count} stored ${count === 1 ? "response" : "responses"}`;

/**
 * Every operation of the app core, once: the control socket's protocol and dispatch, the `tholos` commands and their
 * `--help` lines, the Settings window's bridge and what happens while no instance runs are all derived from this
 * table. Adding an operation = an entry here, its `AppCore` method and a test.
 */
export const appOperations = {
    state: defineOperation({
        summary: "The state: status line, edition, switch, port, model, key (masked)",
        params: noParams,
        callers: everyone,
        run: async (core): Promise<AppState> => core.state,
        withoutInstance: "stored"
    }),
    enable: defineOperation({
        summary: "Switch the Local API Server on (Business edition only)",
        params: noParams,
        callers: everyone,
        run: async (core): Promise<AppState> => {
            await core.enable();
            return core.state;
        },
        withoutInstance: "stored",
        cli: {command: ["enable"]}
    }),
    disable: defineOperation({
        summary: "Switch it off: the server stops listening, open connections close",
        params: noParams,
        callers: everyone,
        run: async (core): Promise<AppState> => {
            await core.disable();
            return core.state;
        },
        withoutInstance: "stored",
        cli: {command: ["disable"]}
    }),
    loadModel: defineOperation({
        summary: "Load a model (the server starts once one is loaded); saved as the model to load at start",
        params: z.object({path: filePath}).strict(),
        callers: controlOnly,
        run: async (core, {path: file}): Promise<AppState> => {
            await core.loadModel(file);
            return core.state;
        },
        // Nothing to load it into: check the file and save it for the next start.
        withoutInstance: async (stored, {path: file}) => {
            await stored.saveModelPath(file);
            return stored.state;
        },
        cli: {command: ["load"], args: ["file.gguf"], parse: ([file]) => ({path: path.resolve(file!)})}
    }),
    unloadModel: defineOperation({
        summary: "Unload the model (the server stops listening)",
        params: noParams,
        callers: everyone,
        run: async (core): Promise<AppState> => {
            await core.unloadModel();
            return core.state;
        },
        withoutInstance: "stored",
        done: () => "Model unloaded.",
        cli: {command: ["unload"]}
    }),
    setPort: defineOperation({
        summary: "Change the port (also retries after \"port already in use\"); 0 = any free port, not saved",
        params: z.object({port: portRule}).strict(),
        callers: everyone,
        run: async (core, {port}): Promise<AppState> => {
            await core.setPort(port);
            return core.state;
        },
        // 0 lasts for one run, and there is none: saying "saved" would be untrue.
        withoutInstance: async (stored, {port}) => {
            if (port === 0)
                throw new AppCoreError("invalid_port", "Port 0 (any free port) lasts for one run, and no instance is running: nothing was changed.");
            await stored.setPort(port);
            return stored.state;
        },
        done: (_state, {port}) => `Port set to ${port}.`,
        cli: {command: ["port"], args: ["n"], parse: ([port]) => ({port: numberOrAuto(port)})}
    }),
    setThreads: defineOperation({
        summary: `CPU threads (1–256, or auto), ${nextLoad}`,
        params: z.object({threads: threadsRule}).strict(),
        callers: everyone,
        run: async (core, {threads}): Promise<AppState> => {
            await core.setThreads(threads);
            return core.state;
        },
        withoutInstance: "stored",
        done: (_state, {threads}) => `Threads: ${threads ?? "chosen by the engine"}, ${nextLoad}.`,
        cli: {command: ["threads"], args: ["n|auto"], parse: ([threads]) => ({threads: numberOrAuto(threads)})}
    }),
    setGpu: defineOperation({
        summary: `GPU use: auto (a GPU when one works here) or cpu, ${nextLoad}`,
        params: z.object({gpu: gpuRule}).strict(),
        callers: everyone,
        run: async (core, {gpu}): Promise<AppState> => {
            await core.setGpu(gpu);
            return core.state;
        },
        withoutInstance: "stored",
        done: (_state, {gpu}) => `GPU: ${gpu}, ${nextLoad}.`,
        cli: {command: ["gpu"], args: ["auto|cpu"], parse: ([gpu]) => ({gpu})}
    }),
    setContextSize: defineOperation({
        summary: `Tokens per request (128–1048576, or auto: the model's, at most 4096), ${nextLoad}`,
        params: z.object({contextSize: contextSizeRule}).strict(),
        callers: everyone,
        run: async (core, {contextSize}): Promise<AppState> => {
            await core.setContextSize(contextSize);
            return core.state;
        },
        withoutInstance: "stored",
        done: (_state, {contextSize}) => `Context size: ${contextSize ?? "the model's default"}, ${nextLoad}.`,
        cli: {command: ["context-size"], args: ["n|auto"], parse: ([size]) => ({contextSize: numberOrAuto(size)})}
    }),
    "origins.list": defineOperation({
        summary: "The browser origins that get CORS headers (none: no page on another origin can read an answer)",
        params: noParams,
        callers: controlOnly,
        run: async (core): Promise<OriginsAnswer> => ({origins: core.state.allowedOrigins}),
        withoutInstance: "stored",
        cli: {command: ["origins", "list"], aliases: [["origins"]]}
    }),
    "origins.add": defineOperation({
        summary: `Let pages on this origin (http(s)://host[:port], exactly) call the API with the key, ${fromNextRequest}`,
        params: z.object({origin: allowedOriginRule}).strict(),
        callers: everyone,
        run: (core, {origin}) => setOrigins(core, [...core.state.allowedOrigins, origin]),
        withoutInstance: "stored",
        done: (_answer, {origin}) => `Allowed ${origin}, ${fromNextRequest}.`,
        cli: {command: ["origins", "add"], args: ["origin"], parse: ([origin]) => ({origin})}
    }),
    "origins.remove": defineOperation({
        summary: `Stop sending CORS headers to this origin, ${fromNextRequest}`,
        params: z.object({origin: allowedOriginRule}).strict(),
        callers: everyone,
        run: async (core, {origin}) => {
            const origins = core.state.allowedOrigins;
            if (!origins.includes(origin))
                throw new AppCoreError("invalid_setting",
                    `${origin} is not an allowed origin (${origins.length === 0 ? "none is" : `allowed: ${origins.join(", ")}`}).`);
            return setOrigins(core, origins.filter((allowed) => allowed !== origin));
        },
        withoutInstance: "stored",
        done: (_answer, {origin}) => `Removed ${origin}, ${fromNextRequest}.`,
        cli: {command: ["origins", "remove"], args: ["origin"], parse: ([origin]) => ({origin})}
    }),
    "origins.clear": defineOperation({
        summary: "Allow no origin: no CORS headers at all (the default)",
        params: noParams,
        callers: everyone,
        run: (core) => setOrigins(core, []),
        withoutInstance: "stored",
        done: () => `No origin is allowed: no CORS headers, ${fromNextRequest}.`,
        cli: {command: ["origins", "clear"]}
    }),
    "key.show": defineOperation({
        summary: "Print the API key",
        params: noParams,
        callers: controlOnly,
        run: async (core): Promise<ApiKeyAnswer> => keyAnswer(core, core.copyKey()),
        withoutInstance: "stored",
        cli: {command: ["key", "show"]}
    }),
    "key.regenerate": defineOperation({
        summary: "Replace the API key; the old one stops working at once",
        params: noParams,
        callers: controlOnly,
        run: async (core): Promise<ApiKeyAnswer> => keyAnswer(core, await core.regenerateKey()),
        withoutInstance: "stored",
        cli: {command: ["key", "regenerate"]}
    }),
    test: defineOperation({
        summary: "Send a real request with the current key: \"answered in N ms (model X)\" or why not",
        params: noParams,
        callers: everyone,
        // Without an instance the stored state answers "Off: no Tholos instance is running…".
        run: (core) => core.test(),
        withoutInstance: "stored",
        cli: {command: ["test"]}
    }),
    "responses.count": defineOperation({
        summary: "How many /v1/responses answers are stored (kept 30 days, newest 10 000)",
        params: noParams,
        callers: controlOnly,
        run: async (core): Promise<{readonly count: number}> => ({count: core.countStoredResponses()}),
        withoutInstance: "stored",
        cli: {command: ["responses", "count"], aliases: [["responses"]]}
    }),
    "responses.clear": defineOperation({
        summary: "Delete every stored response (previous_response_id can't continue them any more)",
        params: noParams,
        callers: everyone,
        run: async (core): Promise<{readonly cleared: number}> => ({cleared: core.clearStoredResponses()}),
        withoutInstance: "stored",
        done: ({cleared}) => `Cleared ${storedCount(cleared)}.`,
        cli: {command: ["responses", "clear"]}
    }),
    "license.show": defineOperation({
        summary: "The installed licence and edition",
        params: noParams,
        callers: controlOnly,
        run: (core) => core.licenseStatus(),
        withoutInstance: "stored",
        cli: {command: ["license", "show"]}
    }),
    "license.activate": defineOperation({
        summary: "Verify and install a licence file",
        params: z.object({path: filePath}).strict(),
        callers: controlOnly,
        run: async (core, {path: file}) => ({license: await core.activateLicense(file), state: core.state}),
        withoutInstance: "stored",
        cli: {command: ["license", "activate"], args: ["file"], parse: ([file]) => ({path: path.resolve(file!)})}
    }),
    "license.dev": defineOperation({
        summary: "Issue a development Business licence (source checkouts only)",
        params: noParams,
        callers: controlOnly,
        run: async (core) => ({license: await core.issueDevLicense(), state: core.state}),
        withoutInstance: "stored",
        cli: {command: ["license", "dev"]}
    })
};

type Operations = typeof appOperations;
export type OperationName = keyof Operations;
export type OperationParams<N extends OperationName> = z.output<Operations[N]["params"]>;
export type OperationResult<N extends OperationName> = Awaited<ReturnType<Operations[N]["run"]>>;

/** The operations `caller` may ask for. */
export type OperationNameFor<C extends OperationCaller> = {
    [N in OperationName]: C extends Operations[N]["callers"][number] ? N : never
}[OperationName];
