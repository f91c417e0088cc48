import {copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile} from "node:fs/promises";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {startTestServer, type TestServer} from "../support/startTestServer.js";
import {validateAgainstOpenAi} from "../support/openAiSchemaValidator.js";
import {runSample} from "./runSample.js";
import {
    AnthropicMessage,
    AnthropicMessageStreamEvent,
    AnthropicModelList,
    MessageTokensCount,
    type CreateChatCompletionStreamResponse
} from "../../contract/index.js";

/**
 * Every file of docs/samples/, the code the reference shows verbatim, runs against a live server on the real model,
 * the way a reader would run it: bash (curl), python3 (requests), node (openai, fetch, AI SDK), and for TypeScript
 * tsc then tsx. Node and TypeScript samples run from a scratch folder inside test/clients, so they import the client
 * libraries a user's project has (test/clients/node_modules, with zod 4) and find the project's tools above it.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const samplesFolder = path.join(root, "docs", "samples");

let server: TestServer;
/** The scratch folder the Node and TypeScript samples run from (beside it the generated types). */
let workspace: string;

type SampleRun = {
    /** How the sample is run; default by extension. */
    runner?: "bash-in-workspace" | "typescript",
    check(output: string): void | Promise<void>
};

const sse = (output: string) => output.split("\n\n").map((event) => event.trim()).filter((event) => event !== "").map((event) => {
    expect(event).toMatch(/^data: /);
    const data = event.slice("data: ".length);
    return data === "[DONE]" ? data : JSON.parse(data) as unknown;
});

/** Typed events (Responses, Anthropic's Messages): an `event:` line naming each `data:` line's type, nothing after the last. */
const typedSse = (output: string) => output.split("\n\n").map((event) => event.trim()).filter((event) => event !== "").map((event) => {
    const [name, data] = event.split("\n");
    expect(name).toMatch(/^event: /);
    expect(data).toMatch(/^data: /);
    const parsed = JSON.parse(data!.slice("data: ".length)) as Record<string, unknown>;
    expect(parsed.type).toBe(name!.slice("event: ".length));
    return parsed;
});

const runs: Record<string, SampleRun> = {
    "models.sh": {
        check(output) {
            const body = JSON.parse(output);
            validateAgainstOpenAi("ListModelsResponse", body);
            expect(body.data[0].id).toBe("stories260K");
        }
    },
    "model.sh": {
        check(output) {
            const body = JSON.parse(output);
            validateAgainstOpenAi("Model", body);
            expect(body).toMatchObject({id: "stories260K", object: "model", meta: {context_length: expect.any(Number)}});
        }
    },
    "chat.sh": {
        check(output) {
            const body = JSON.parse(output);
            validateAgainstOpenAi("CreateChatCompletionResponse", body);
            expect(body.model).toBe("stories260K");
            expect(body.usage.completion_tokens).toBeLessThanOrEqual(64);
        }
    },
    "stream.sh": {
        check(output) {
            const events = sse(output);
            expect(events.at(-1)).toBe("[DONE]");
            const chunks = events.slice(0, -1) as CreateChatCompletionStreamResponse[];
            for (const chunk of chunks) validateAgainstOpenAi("CreateChatCompletionStreamResponse", chunk);
            expect(chunks.at(-1)!.choices).toEqual([]);
            expect(chunks.at(-1)!.usage!.completion_tokens).toBeGreaterThan(0);
        }
    },
    "responses.sh": {
        check(output) {
            const body = JSON.parse(output);
            validateAgainstOpenAi("Response", body);
            expect(body).toMatchObject({object: "response", model: "stories260K", instructions: "You are a helpful assistant."});
            expect(body.output.at(-1).type).toBe("message");
            expect(body.usage.output_tokens).toBeLessThanOrEqual(64);
        }
    },
    "responses-stream.sh": {
        check(output) {
            const events = typedSse(output);
            for (const event of events) validateAgainstOpenAi("ResponseStreamEvent", event);
            expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
            expect(events[0]!.type).toBe("response.created");
            expect(["response.completed", "response.incomplete"]).toContain(events.at(-1)!.type);
            const text = events.filter((event) => event.type === "response.output_text.delta").map((event) => event.delta).join("");
            expect(events.find((event) => event.type === "response.output_text.done")!.text).toBe(text);
        }
    },
    "responses-state.sh": {
        check(output) {
            expect(output).toMatch(/^continued: resp_[0-9a-f]+ (completed|incomplete)$/m);
        }
    },
    "responses-delete.sh": {
        check(output) {
            const [deleted, after] = output.trim().split("\n");
            expect(JSON.parse(deleted!)).toMatchObject({object: "response", deleted: true});
            expect(after).toBe("after delete: 404");
        }
    },
    "responses-input-items.py": {
        check(output) {
            expect(output.trim().split("\n")).toEqual(["user Remember the word apple.", "assistant Apple.", "user Which word?"]);
        }
    },
    "responses.py": {
        check(output) {
            expect(output).toMatch(/^status: (completed|incomplete)$/m);
            expect(output).toMatch(/^usage: \d+ in, [1-9]\d* out$/m);
        }
    },
    "responses-openai.mjs": {
        check(output) {
            expect(output).toMatch(/^status: (completed|incomplete) usage: [1-9]\d* out$/m);
        }
    },
    "responses-stream-openai.mjs": {
        check(output) {
            expect(output).toMatch(/^status: (completed|incomplete) events ended with [1-9]\d* tokens out$/m);
        }
    },
    "responses-tools-openai.mjs": {
        check(output) {
            expect(output).toMatch(/^call: get_weather \{ city: (['"`]).*\1 \}$/m);
            expect(output).toMatch(/^answer: /m);
        }
    },
    "models-anthropic.sh": {
        check(output) {
            const body = AnthropicModelList.strict().parse(JSON.parse(output));
            expect(body).toMatchObject({has_more: false, data: [{type: "model", id: "stories260K"}]});
        }
    },
    "messages.sh": {
        check(output) {
            const body = AnthropicMessage.strict().parse(JSON.parse(output));
            expect(body).toMatchObject({type: "message", role: "assistant", model: "stories260K"});
            expect(body.usage.output_tokens).toBeLessThanOrEqual(64);
        }
    },
    "messages-stream.sh": {
        check(output) {
            const events = typedSse(output).map((event) => AnthropicMessageStreamEvent.parse(event));
            expect(events[0]!.type).toBe("message_start");
            expect(events.slice(-2).map((event) => event.type)).toEqual(["message_delta", "message_stop"]);
            expect(events.filter((event) => event.type === "content_block_delta").length).toBeGreaterThan(0);
        }
    },
    "count-tokens.sh": {
        check(output) {
            expect(MessageTokensCount.strict().parse(JSON.parse(output)).input_tokens).toBeGreaterThan(0);
        }
    },
    "messages.py": {
        check(output) {
            expect(output).toMatch(/^stop_reason: (end_turn|max_tokens)$/m);
            expect(output).toMatch(/^usage: \d+ in, [1-9]\d* out$/m);
        }
    },
    "count-tokens.py": {
        check(output) {
            expect(output).toMatch(/^[1-9]\d* of [1-9]\d* tokens used; [1-9]\d* left for the answer$/m);
        }
    },
    "messages-anthropic.mjs": {
        check(output) {
            expect(output).toMatch(/^stop_reason: (end_turn|max_tokens) usage: [1-9]\d* out$/m);
        }
    },
    "messages-stream-anthropic.mjs": {
        check(output) {
            expect(output).toMatch(/^stop_reason: (end_turn|max_tokens), [1-9]\d* tokens out$/m);
        }
    },
    "messages-tools-anthropic.mjs": {
        check(output) {
            expect(output).toMatch(/^call: get_weather \{ city: (['"`]).*\1 \}$/m);
            expect(output).toMatch(/^answer: /m);
        }
    },
    "completion.sh": {
        check(output) {
            const body = JSON.parse(output);
            validateAgainstOpenAi("CreateCompletionResponse", body);
            expect(body.object).toBe("text_completion");
            expect(body.choices[0].text.length).toBeGreaterThan(0);
        }
    },
    "generate-types.sh": {
        runner: "bash-in-workspace",
        async check() {
            const types = await readFile(path.join(workspace, "tholos-api.d.ts"), "utf8");
            expect(types).toContain('"/v1/chat/completions"');
            expect(types).toContain("CreateChatCompletionRequest");
        }
    },
    "chat.py": {
        check(output) {
            expect(output).toMatch(/^finish_reason: (stop|length)$/m);
            expect(output).toMatch(/^usage: \{'prompt_tokens': \d+, 'completion_tokens': \d+, 'total_tokens': \d+, 'prompt_tokens_details': \{'cached_tokens': \d+\}, 'completion_tokens_details': \{'reasoning_tokens': \d+\}\}$/m);
        }
    },
    "stream.py": {
        check(output) {
            expect(output).toMatch(/^usage: \{'prompt_tokens': \d+, 'completion_tokens': [1-9]\d*, 'total_tokens': \d+, 'prompt_tokens_details': \{'cached_tokens': \d+\}, 'completion_tokens_details': \{'reasoning_tokens': \d+\}\}$/m);
            expect(output.split("\nusage:")[0]!.trim().length).toBeGreaterThan(0);
        }
    },
    "embeddings.py": {
        check(output) {
            expect(output).toContain("2 vectors of 64 dimensions");
            expect(output).toMatch(/^cosine similarity: -?[01](\.\d+)?$/m);
            expect(output).toContain("base64: 64 dimensions, same as float: True");
        }
    },
    "errors.py": {
        check(output) {
            expect(output).toMatch(/^404 model_not_found model\n.*"gpt-4o".*"stories260K"/);
        }
    },
    "chat-openai.mjs": {
        check(output) {
            expect(output).toMatch(/^finish_reason: (stop|length)$/m);
            expect(output).toMatch(/usage: \{\s*prompt_tokens: \d+,\s*completion_tokens: \d+,\s*total_tokens: \d+,\s*prompt_tokens_details: \{ cached_tokens: \d+ \},\s*completion_tokens_details: \{ reasoning_tokens: \d+ \}\s*\}/);
        }
    },
    "stream-openai.mjs": {
        check(output) {
            expect(output).toMatch(/usage: \{\s*prompt_tokens: \d+,\s*completion_tokens: [1-9]\d*,/);
        }
    },
    "structured-openai.mjs": {
        check(output) {
            // node prints a string in ', " or ` quotes, whichever it doesn't contain.
            expect(output.trim()).toMatch(/^\{\s*name: (['"`]).*\1,\s*age: -?\d+,\s*brave: (true|false)\s*\}$/s);
        }
    },
    "tools-openai.mjs": {
        check(output) {
            expect(output).toMatch(/^call: get_weather \{ city: (['"`]).*\1 \}$/m);
            expect(output).toMatch(/^answer: /m);
        }
    },
    "embeddings-openai.mjs": {
        check(output) {
            expect(output).toContain("2 vectors of 64 dimensions");
            expect(output).toMatch(/^cosine similarity: -?[01]\.\d{4}$/m);
        }
    },
    "chat-fetch.mjs": {
        check(output) {
            expect(output).toMatch(/usage: \{\s*prompt_tokens: \d+,\s*completion_tokens: \d+,\s*total_tokens: \d+,\s*prompt_tokens_details: \{ cached_tokens: \d+ \},\s*completion_tokens_details: \{ reasoning_tokens: \d+ \}\s*\}/);
        }
    },
    "stream-fetch.mjs": {
        check(output) {
            expect(output.trim().length).toBeGreaterThan(0);
        }
    },
    "chat-ai-sdk.mjs": {
        check(output) {
            expect(output).toMatch(/^usage: \d+ in, [1-9]\d* out$/m);
            expect(output).toMatch(/^streamed usage: [1-9]\d* out$/m);
        }
    },
    "chat-ts-rest.ts": {
        runner: "typescript",
        check(output) {
            expect(output).toMatch(/^model: stories260K \d+ tokens of context$/m);
            expect(output).toMatch(/usage: \{\s*prompt_tokens: \d+,\s*completion_tokens: \d+,\s*total_tokens: \d+,\s*prompt_tokens_details: \{ cached_tokens: \d+ \},\s*completion_tokens_details: \{ reasoning_tokens: \d+ \}\s*\}/);
        }
    },
    "chat-openapi-fetch.ts": {
        runner: "typescript",
        check(output) {
            expect(output).toMatch(/^model: stories260K$/m);
            expect(output).toMatch(/^streamed: .+/m);
        }
    }
};

const typeScriptSamples = Object.entries(runs).filter(([, run]) => run.runner === "typescript").map(([file]) => file);
const nodeSamples = [...typeScriptSamples, ...Object.keys(runs).filter((file) => file.endsWith(".mjs"))];
const clientsFolder = path.join(root, "test", "clients");

beforeAll(async () => {
    server = await startTestServer();
    await mkdir(path.join(clientsFolder, ".tmp"), {recursive: true});
    workspace = await mkdtemp(path.join(clientsFolder, ".tmp", "docs-samples-"));
    for (const file of nodeSamples) await copyFile(path.join(samplesFolder, file), path.join(workspace, file));
    // What a reader's project would have: strict NodeNext, and the package's `./contract` export (mapped to the
    // source here, so the test needs no build; tsx reads the same mapping).
    await writeFile(path.join(workspace, "tsconfig.json"), JSON.stringify({
        compilerOptions: {
            target: "ES2022", lib: ["ES2023"], module: "NodeNext", moduleResolution: "NodeNext", strict: true,
            noEmit: true, skipLibCheck: true, types: ["node"],
            paths: {"tholos-local-api-server/contract": [path.join(root, "contract", "index.ts")]}
        },
        files: [...typeScriptSamples, "tholos-api.d.ts"]
    }, null, 2));
});
afterAll(async () => {
    await server?.close();
    if (workspace != null) await rm(workspace, {recursive: true, force: true});
});

let generatedTypes: Promise<string> | undefined;
/** generate-types.sh, run once in the workspace: its output is what the openapi-fetch sample compiles against. */
const generateTypes = () => generatedTypes ??= run("bash", [path.join(samplesFolder, "generate-types.sh")], workspace);

const run = async (command: string, args: string[], cwd: string) => {
    const {stdout} = await runSample({command: [command, ...args], cwd, baseUrl: server.baseUrl, apiKey: server.apiKey});
    return stdout;
};

function runOf(file: string, sample: SampleRun): Promise<string> {
    const own = path.join(samplesFolder, file);
    if (sample.runner === "bash-in-workspace") return generateTypes();
    if (sample.runner === "typescript") return generateTypes().then(() => run(process.execPath, ["--import", "tsx", path.join(workspace, file)], workspace));
    switch (path.extname(file)) {
        case ".sh": return run("bash", [own], root);
        case ".py": return run("python3", [own], root);
        case ".mjs": return run(process.execPath, [path.join(workspace, file)], workspace);
        default: throw new Error(`no runner for ${file}`);
    }
}

describe("docs/samples", () => {
    it("has a run for every file, and no run for a file that is gone", async () => {
        expect((await readdir(samplesFolder)).sort()).toEqual(Object.keys(runs).sort());
    });

    it("TypeScript samples type-check (tsc, strict) against the generated types and the package's contract", async () => {
        await generateTypes();
        for (const file of nodeSamples)
            expect(await readFile(path.join(workspace, file), "utf8")).toBe(await readFile(path.join(samplesFolder, file), "utf8"));
        await runSample({
            command: [process.execPath, path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(workspace, "tsconfig.json")],
            cwd: workspace, baseUrl: server.baseUrl, apiKey: server.apiKey, timeout: 120_000
        });
    }, 150_000);

    for (const [file, sample] of Object.entries(runs))
        it(`${file} runs against the server`, async () => {
            await sample.check(await runOf(file, sample));
        }, 120_000);
});
