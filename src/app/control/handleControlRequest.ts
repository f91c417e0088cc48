import type {AppCore} from "../AppCore.js";
import type {ControlRequest} from "./controlRequestSchema.js";
import type {ControlResults} from "./ControlMethods.js";

/** Runs one control request on the core and returns its result; errors (with their stable codes) propagate. */
export async function handleControlRequest(core: AppCore, request: ControlRequest): Promise<ControlResults[ControlRequest["method"]]> {
    switch (request.method) {
        case "state":
        case "watch":
            return core.state;
        case "enable":
            await core.enable();
            return core.state;
        case "disable":
            await core.disable();
            return core.state;
        case "setPort":
            await core.setPort(request.params.port);
            return core.state;
        case "loadModel":
            return {model: await core.loadModel(request.params.path), state: core.state};
        case "unloadModel":
            await core.unloadModel();
            return core.state;
        case "key.show":
            return {key: core.copyKey(), source: core.state.apiKey.source, location: core.state.apiKey.location};
        case "key.regenerate": {
            const key = await core.regenerateKey();
            return {key, source: core.state.apiKey.source, location: core.state.apiKey.location};
        }
        case "test":
            return core.test();
        case "license.show":
            return core.licenseStatus();
        case "license.activate":
            return {license: await core.activateLicense(request.params.path), state: core.state};
        case "license.dev":
            return {license: await core.issueDevLicense(), state: core.state};
    }
}
