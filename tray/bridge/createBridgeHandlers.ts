import type {AppCore} from "../../src/app/AppCore.js";
import type {AppState} from "../../src/app/AppState.js";
import type {ServerTestResult} from "../../src/app/core/ServerTestResult.js";
import {errorMessage} from "../../src/app/utils/errorMessage.js";
import type {BridgeResult, TholosBridge} from "./TholosBridge.js";
import {firstCallCurl} from "./firstCallCurl.js";

export type BridgeHandlerDeps = {
    readonly clipboard: {writeText(text: string): void},

    /** Asks the user for a `.gguf` file; `null` when cancelled. */
    readonly chooseModelFile: () => Promise<string | null>
};

/** What main answers the settings page with: `TholosBridge`'s requests, bound to the core. Never rejects. */
export type BridgeHandlers = Omit<TholosBridge, "onState" | "getState"> & {readonly getState: () => Promise<AppState>};

export function createBridgeHandlers(core: AppCore, deps: BridgeHandlerDeps): BridgeHandlers {
    return {
        getState: async () => core.state,
        setEnabled: (enabled) => attempt(async () => {
            if (enabled) await core.enable();
            else await core.disable();
            return core.state.status;
        }),
        copyKey: () => attempt(async () => {
            deps.clipboard.writeText(core.copyKey());
            return "Copied to the clipboard.";
        }),
        regenerateKey: () => attempt(async () => {
            await core.regenerateKey();
            return "New key created. The old key no longer works.";
        }),
        test: async (): Promise<ServerTestResult> => core.test(),
        copyFirstCall: () => attempt(async () => {
            const state = core.state;
            deps.clipboard.writeText(firstCallCurl(state.listeningPort ?? state.port, core.copyKey()));
            return "Copied, with your API key in it.";
        }),
        setPort: (port) => attempt(async () => {
            await core.setPort(port);
            return `Port set to ${port}.`;
        }),
        chooseModel: () => attempt(async () => {
            const file = await deps.chooseModelFile();
            if (file == null) return "";
            const model = await core.loadModel(file);
            return `Loaded ${model.id}.`;
        }),
        unloadModel: () => attempt(async () => {
            await core.unloadModel();
            return "Model unloaded.";
        }),
        clearStoredResponses: () => attempt(async () => {
            const cleared = core.clearStoredResponses();
            return `Cleared ${cleared} stored ${cleared === 1 ? "response" : "responses"}.`;
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
