import type {AppState} from "../../app/AppState.js";
import type {OperationNameFor, OperationResult} from "../../app/operations/appOperations.js";
import type {CliOutput} from "./CliOutput.js";
import {describeResponseCount} from "./describeResponseCount.js";
import {keyOutput} from "./keyOutput.js";
import {licenseChangeOutput} from "./licenseChangeOutput.js";
import {licenseShowOutput} from "./licenseShowOutput.js";
import {loadModelOutput} from "./loadModelOutput.js";
import {originsOutput} from "./originsOutput.js";
import {testOutput} from "./testOutput.js";

type ControlName = OperationNameFor<"control">;
type StateAnswering = {[N in ControlName]: OperationResult<N> extends AppState ? N : never}[ControlName];

/**
 * How each command shows its answer. Operations answering with the state may leave it to `stateOutput` (the status
 * line); every other one must say, or this fails to compile.
 */
type Outputs = {readonly [N in Exclude<ControlName, StateAnswering>]: CliOutput<N>} & {readonly [N in StateAnswering]?: CliOutput<N>};

export const operationOutputs: Outputs = {
    loadModel: loadModelOutput,
    "key.show": keyOutput(),
    "key.regenerate": keyOutput("New API key (above); the old key stopped working. Update your scripts."),
    test: testOutput,
    "origins.list": originsOutput("origins.list"),
    "origins.add": originsOutput("origins.add"),
    "origins.remove": originsOutput("origins.remove"),
    "origins.clear": originsOutput("origins.clear"),
    "responses.count": {print: ({count}) => process.stdout.write(`${describeResponseCount(count)} stored.\n`)},
    "responses.clear": {print: ({cleared}) => process.stdout.write(`Cleared ${describeResponseCount(cleared)}.\n`)},
    "license.show": licenseShowOutput,
    "license.activate": licenseChangeOutput,
    "license.dev": licenseChangeOutput
};
