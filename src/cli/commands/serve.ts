import {readFile} from "node:fs/promises";
import path from "node:path";
import {randomBytes} from "node:crypto";
import {z} from "zod";
import {LlamaEngine} from "../../engine/LlamaEngine.js";
import {EngineError} from "../../engine/EngineError.js";
import {createServer} from "../../server/createServer.js";
import {listenOnLoopback} from "../../server/listenOnLoopback.js";
import {packageRoot} from "../../packageRoot.js";
import {parseCliArgs} from "../parseCliArgs.js";
import {UserInputError} from "../UserInputError.js";
import {drawProgress} from "../drawProgress.js";

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const serveOptions = z.object({
    model: z.string({required_error: "is required: the GGUF model file to serve"}),
    port: integer(0, 65535).default(8756),
    threads: integer(1, 256).optional(),
    gpu: z.enum(["auto", "cpu"]).default("auto"),
    sequences: integer(1, 64).optional()
});

/** `tholos serve`: load the model and serve the API headless until SIGINT/SIGTERM. */
export async function serveCommand(args: string[]) {
    const options = parseCliArgs(args, {
        model: {type: "string", short: "m"},
        port: {type: "string", short: "p"},
        threads: {type: "string"},
        gpu: {type: "string"},
        sequences: {type: "string"}
    }, serveOptions);

    const envKey = process.env.THOLOS_API_KEY;
    if (envKey != null && envKey.length < 8)
        throw new UserInputError("THOLOS_API_KEY is set but shorter than 8 characters; use a longer key.");
    const apiKey = envKey ?? "tholos-" + randomBytes(32).toString("base64url");

    process.stderr.write(`Loading ${path.basename(options.model)}…\n`);
    let engine: LlamaEngine;
    try {
        engine = await LlamaEngine.load({
            modelPath: path.resolve(options.model),
            threads: options.threads,
            gpu: options.gpu,
            sequences: options.sequences,
            onLoadProgress: (progress) => drawProgress(process.stderr, progress)
        });
    } catch (error) {
        if (error instanceof EngineError) {
            process.stdout.write(`Error — ${error.message}\n`);
            process.exitCode = 1;
            return;
        }
        throw error;
    }

    const root = packageRoot();
    const app = await createServer({
        engine: () => engine,
        apiKey: () => apiKey,
        openApiDocument: JSON.parse(await readFile(path.join(root, "openapi.json"), "utf8")) as object,
        logger: undefined
    });
    let port: number;
    try {
        port = await listenOnLoopback(app, options.port);
    } catch (error) {
        await engine.dispose();
        if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
            process.stdout.write(`Error — port ${options.port} is already in use by another program. Choose another port with --port.\n`);
            process.exitCode = 1;
            return;
        }
        throw error;
    }

    process.stdout.write(`Running — http://127.0.0.1:${port}\n`);
    process.stdout.write(`Model: ${engine.info.id} (${engine.info.meta?.backend}, ${engine.threads} thread${engine.threads === 1 ? "" : "s"})\n`);
    process.stdout.write(`Base URL: http://127.0.0.1:${port}/v1\n`);
    process.stdout.write(envKey != null
        ? "API key: from THOLOS_API_KEY\n"
        : `API key: ${apiKey}\n(shown once; send it as "Authorization: Bearer <key>")\n`);

    let stopping = false;
    const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(`\n${signal}: stopping…\n`);
        await app.close();
        await engine.dispose();
        process.stdout.write("Off\n");
    };
    process.once("SIGINT", () => void stop("SIGINT"));
    process.once("SIGTERM", () => void stop("SIGTERM"));
}
