import path from "node:path";
import fs from "node:fs/promises";
import {describe, expect, test} from "vitest";
import {createFakeLoader} from "./utils/createFakeEngine.js";
import {makeTempDir} from "./utils/makeTempDir.js";
import {openTestCore} from "./utils/openTestCore.js";

/** Opens an SSE chat stream on the fake engine (which streams until aborted) and reads until the first chunk arrives. */
async function openStream(port: number, key: string) {
    const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: "POST",
        headers: {"authorization": `Bearer ${key}`, "content-type": "application/json"},
        body: JSON.stringify({messages: [{role: "user", content: "Tell me a long story."}], stream: true})
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain("data: ");
    return {
        /** Reads until the stream ends; resolves with how it ended. */
        async drain(): Promise<"ended" | "errored"> {
            try {
                while (!(await reader.read()).done) { /* keep reading */ }
                return "ended";
            } catch {
                return "errored";
            }
        }
    };
}

async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms);
    });
    try {
        return await Promise.race([promise, timeout]);
    } finally {
        clearTimeout(timer);
    }
}

describe("stopping the server with a stream open", () => {
    test.each(["disable", "unloadModel", "dispose"] as const)("%s ends the open stream, stops its generation and returns promptly", async (action) => {
        const loader = createFakeLoader();
        const model = path.join(await makeTempDir(), "endless.gguf");
        await fs.writeFile(model, "GGUF…");
        const {core} = await openTestCore({deps: {loadEngine: loader}, session: {enabled: true, modelPath: model}});
        await core.start();
        const port = core.state.listeningPort!;
        const stream = await openStream(port, core.copyKey());
        expect(loader.loaded[0]!.generating).toBe(1);

        const ended = stream.drain();
        await withinMs(core[action](), 5000);
        expect(await withinMs(ended, 5000)).toBeDefined();
        expect(core.state.listeningPort).toBeNull();
        expect(core.state.status).toBe(action === "unloadModel" ? "Enabled — starts once a model is loaded." : "Off");
        // The client's socket went away, so its generation was aborted and its sequence freed.
        await expect.poll(() => loader.loaded[0]!.generating).toBe(0);
    });
});
