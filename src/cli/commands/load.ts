import path from "node:path";
import {drawProgress} from "../drawProgress.js";
import {parsePositionals} from "../parsePositionals.js";
import {runOnInstance} from "../instance/runOnInstance.js";

/** `tholos load <file.gguf>`: load a model in the running instance (with a progress bar), or save it for the next start. */
export async function loadCommand(args: string[]) {
    const [file] = parsePositionals(args, ["file.gguf"], "tholos load <file.gguf>");
    const modelPath = path.resolve(file!);
    await runOnInstance({
        async online(client) {
            await client.request("watch");
            client.onState((state) => {
                if (state.model.state === "loading" && state.model.path === modelPath) drawProgress(process.stderr, state.model.progress);
            });
            // Large models take minutes to load: wait as long as the instance is there.
            const {model, state} = await client.request("loadModel", {path: modelPath}, {timeoutMs: 0})
                .catch((err: unknown) => {
                    // a partial progress bar shouldn't glue itself to the error line
                    if (process.stderr.isTTY) process.stderr.write("\n");
                    throw err;
                });
            drawProgress(process.stderr, 1);
            process.stdout.write(`${state.status}\nLoaded ${model.id}.\n`);
        },
        async offline(stored) {
            const saved = await stored.setModel(modelPath);
            process.stdout.write(`Off\nSaved ${saved} as the model to load; no instance is running, \`tholos serve\` loads it.\n`);
        }
    });
}
