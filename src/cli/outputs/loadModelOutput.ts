import {drawProgress} from "../drawProgress.js";
import type {CliOutput} from "./CliOutput.js";
import {stateOutput} from "./stateOutput.js";

/** `tholos load`: a progress bar while it loads, then the status line and the model's id (or, without an instance, where it was saved). */
export const loadModelOutput: CliOutput<"loadModel"> = {
    onState: ({path}) => (state) => {
        if (state.model.state === "loading" && state.model.path === path) drawProgress(process.stderr, state.model.progress);
    },
    print(state, context) {
        if (state.model.state === "loaded") drawProgress(process.stderr, 1);
        stateOutput.print(state, context);
        if (state.model.state === "loaded") process.stdout.write(`Loaded ${state.model.id}.\n`);
    },
    // Large models take minutes to load: wait as long as the instance is there.
    timeoutMs: 0,
    onFailure: "status"
};
