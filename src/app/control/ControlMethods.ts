import type {EngineModelInfo} from "../../engine/EngineModelInfo.js";
import type {AppState} from "../AppState.js";
import type {ServerTestResult} from "../core/ServerTestResult.js";
import type {ActiveLicense, LicenseStatus} from "../license/LicenseStore.js";
import type {ControlMethod, ControlRequest} from "./controlRequestSchema.js";

export type ApiKeyAnswer = {
    readonly key: string,
    readonly source: AppState["apiKey"]["source"],
    readonly location: string
};

/** What each control method answers with (`result` of a successful response). */
export type ControlResults = {
    "state": AppState,
    "watch": AppState,
    "enable": AppState,
    "disable": AppState,
    "setPort": AppState,
    "loadModel": {readonly model: EngineModelInfo, readonly state: AppState},
    "unloadModel": AppState,
    "key.show": ApiKeyAnswer,
    "key.regenerate": ApiKeyAnswer,
    "test": ServerTestResult,
    "license.show": LicenseStatus,
    "license.activate": {readonly license: ActiveLicense, readonly state: AppState},
    "license.dev": {readonly license: ActiveLicense, readonly state: AppState}
};

/** Fails to compile when a method of `controlRequestSchema` has no result type above. */
type ControlResultsCoverAllMethods = ControlResults[ControlMethod];

export type ControlParams<M extends ControlMethod> = Extract<ControlRequest, {method: M}>["params"];

/** A response line: `{id, ok: true, result}` or `{id, ok: false, error: {code, message}}`; `id` is `null` for an unparseable request. */
export type ControlResponse =
    | {readonly id: number, readonly ok: true, readonly result: unknown}
    | {readonly id: number | null, readonly ok: false, readonly error: {readonly code: string, readonly message: string}};

/** A line the instance pushes unasked, after `watch`. */
export type ControlEvent = {readonly event: "state", readonly state: AppState};
