import {createHash} from "node:crypto";
import {createReadStream} from "node:fs";
import {fileURLToPath} from "node:url";

/** The digest of `stories260K.gguf` (see `../shared/models/README.md`): tests count its 64-wide embeddings, 512 tokens… */
export const testModelSha256 = "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d";

/** `../shared/models/stories260K.gguf` from the project root, resolved from this file so any working directory works. */
const defaultTestModelPath = fileURLToPath(new URL("../../../shared/models/stories260K.gguf", import.meta.url));

let verified: Promise<string> | undefined;

/**
 * The real tiny model the integration tests run on: `THOLOS_TEST_MODEL` when set (e.g. a cached copy in CI), else
 * `../shared/models/stories260K.gguf`. Its sha256 is checked once per process, since tests rely on its exact shape.
 */
export function testModelPath(): Promise<string> {
    verified ??= (async () => {
        const modelPath = process.env.THOLOS_TEST_MODEL ?? defaultTestModelPath;
        const hash = createHash("sha256");
        for await (const chunk of createReadStream(modelPath)) hash.update(chunk as Buffer);
        const digest = hash.digest("hex");
        if (digest !== testModelSha256)
            throw new Error(`${modelPath} is not stories260K.gguf: sha256 ${digest}, expected ${testModelSha256}.`);
        return modelPath;
    })();
    return verified;
}
