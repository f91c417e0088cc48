import type {AppCore} from "../../src/app/AppCore.js";
import type {AppOperation} from "../../src/app/operations/AppOperation.js";
import {appOperations} from "../../src/app/operations/appOperations.js";
import {parseOperationParams} from "../../src/app/operations/parseOperationParams.js";
import {runOperation} from "../../src/app/operations/runOperation.js";
import {errorMessage} from "../../src/app/utils/errorMessage.js";
import type {BridgeAnswer, BridgeResult, bridgeChannels} from "./TholosBridge.js";
import {firstCallCurl} from "./firstCallCurl.js";

export type BridgeHandlerDeps = {
    readonly clipboard: {writeText(text: string): void},

    /** Asks the user for a `.gguf` file; `null` when cancelled. */
    readonly chooseModelFile: () => Promise<string | null>
};

/**
 * What main answers the settings page with, one handler per `bridgeChannels` entry. The page is untrusted input:
 * `run` takes anything and checks it (an operation the Settings window may call, params passing its rules). Never rejects.
 */
export type BridgeHandlers = {
    readonly run: (name: unknown, params?: unknown) => Promise<BridgeAnswer<unknown>>
} & {readonly [K in Exclude<keyof typeof bridgeChannels, "run">]: () => Promise<BridgeResult>};

export function createBridgeHandlers(core: AppCore, deps: BridgeHandlerDeps): BridgeHandlers {
    return {
        run: async (name, params) => {
            const parsed = parseOperationParams(name, params, "settings");
            if (!parsed.ok) return {ok: false, message: parsed.message};
            try {
                const result = await runOperation(core, parsed.name, parsed.params);
                const {done} = appOperations[parsed.name] as unknown as AppOperation<unknown, unknown>;
                return {ok: true, result, message: done?.(result, parsed.params) ?? ""};
            } catch (err) {
                return {ok: false, message: errorMessage(err)};
            }
        },
        copyKey: () => attempt(async () => {
            deps.clipboard.writeText(core.copyKey());
            return "Copied to the clipboard.";
        }),
        // Main-side, unlike key.regenerate over the control socket: the new key stays out of the page.
        regenerateKey: () => attempt(async () => {
            await core.regenerateKey();
            return "New key created. The old key no longer works.";
        }),
        copyFirstCall: () => attempt(async () => {
            const state = core.state;
            deps.clipboard.writeText(firstCallCurl(state.listeningPort ?? state.port, core.copyKey()));
            return "Copied, with your API key in it.";
        }),
        chooseModel: () => attempt(async () => {
            const file = await deps.chooseModelFile();
            if (file == null) return "";
            const model = await core.loadModel(file);
            return `Loaded ${model.id}.`;
        })
    };
}

async function attempt(action: () => Promise<string>): Promise<BridgeResult> {
    try {
        return {ok: true, message: await action()};
    } catch (err) {
        return {ok: false, message: errorMessage(err)};
    }
}
