import {open, stat} from "node:fs/promises";
import path from "node:path";
import {EngineError} from "./EngineError.js";

/**
 * Refuses files that can't be a GGUF model before llama.cpp sees them, so the user reads which file is wrong and
 * why ("not found", "not a GGUF file") instead of a native loader message. Truncation is caught by the loader.
 */
export async function checkModelFile(modelPath: string) {
    const name = path.basename(modelPath);
    const info = await stat(modelPath).catch((error: NodeJS.ErrnoException) => {
        throw new EngineError("model_load_failed",
            error.code === "ENOENT" ? `Model file ${modelPath} does not exist.` : `Model file ${modelPath} can't be read (${error.code}).`,
            {cause: error});
    });
    if (!info.isFile())
        throw new EngineError("model_load_failed", `${modelPath} is not a file; choose a .gguf model file.`);

    const handle = await open(modelPath, "r");
    try {
        const {bytesRead, buffer} = await handle.read(Buffer.alloc(4), 0, 4, 0);
        if (bytesRead < 4 || buffer.toString("latin1") !== "GGUF")
            throw new EngineError("model_load_failed", `${name} is not a GGUF model file (it doesn't start with "GGUF"); choose a .gguf file.`);
    } finally {
        await handle.close();
    }
    return info;
}
