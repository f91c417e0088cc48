import {describe, expect, test} from "vitest";
import {deriveStatus, type StatusInputs} from "../../src/app/rules/deriveStatus.js";

const base: StatusInputs = {instance: "running", edition: "business", enabled: true, model: {state: "none"}, serverProblem: null, listeningPort: null};
const loaded = {state: "loaded", path: "/m/a.gguf", name: "a.gguf", id: "a"} as const;

describe("deriveStatus: SPEC §2's exact texts", () => {
    test.each<[string, Partial<StatusInputs>, string]>([
        ["off", {enabled: false}, "Off"],
        ["enabled, no model", {}, "Enabled — starts once a model is loaded."],
        ["enabled, model loading", {model: {state: "loading", path: "/m/a.gguf", name: "a.gguf", progress: 0.4}}, "Enabled — starts once a model is loaded."],
        ["serving", {model: loaded, listeningPort: 8756}, "Running — http://127.0.0.1:8756"],
        ["port problem", {model: loaded, serverProblem: "port 8756 is already in use by another program. Choose another port."},
            "Error — port 8756 is already in use by another program. Choose another port."],
        ["failed model, even while off", {enabled: false, model: {state: "failed", path: "/m/b.gguf", name: "b.gguf", message: "b.gguf is broken."}}, "Error — b.gguf is broken."],
        ["personal edition, whatever else", {edition: "personal", model: loaded, listeningPort: 8756}, "Locked — available on the Business edition"]
    ])("%s", (_name, inputs, text) => {
        expect(deriveStatus({...base, ...inputs}).text).toBe(text);
    });

    test("no instance (the stored state, or a disposed core) is Off — or Locked, as the edition decides first", () => {
        expect(deriveStatus({...base, instance: "none", model: loaded, listeningPort: 8756})).toEqual({kind: "off", text: "Off"});
        expect(deriveStatus({...base, instance: "none", edition: "personal"})).toEqual({kind: "locked", text: "Locked — available on the Business edition"});
    });
});
