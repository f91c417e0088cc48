// `npm run bench`: the server (`tholos serve`, its own process) against node-llama-cpp in-process on the same model
// and settings, interleaved (A B A B …) so machine noise hits both sides alike; issue #7's full set of figures on
// stories260K and on a generated ~80M-parameter model. Writes the table into docs/performance.md and the chart to
// docs/performance.svg. `npm run bench -- --quick` is the CI smoke: tiny runs, output to .tmp/bench. Benchmarks
// report; they never assert (a failed request still fails the run).
import {execFileSync} from "node:child_process";
import {existsSync} from "node:fs";
import {mkdir, readFile, writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {parseArgs} from "node:util";
import {getLlama, readGgufFileInfo} from "node-llama-cpp";
import {countParameters} from "../src/engine/countParameters.js";
import {defaultFlashAttention} from "../src/engine/defaultFlashAttention.js";
import {defaultThreads} from "../src/engine/defaultThreads.js";
import {hasPersistentThreadPool} from "../src/engine/LlamaEngine.js";
import {fullPlan, largeModelPlan, quickPlan} from "./lib/benchPlan.js";
import {renderChart} from "./lib/renderChart.js";
import {renderReport} from "./lib/renderReport.js";
import {runModelBench, type ModelBenchResult} from "./lib/runModelBench.js";
import {runFeatureBench, type FeatureBenchResult} from "./lib/runFeatureBench.js";
import {renderFeatureReport} from "./lib/renderFeatureReport.js";
import {peerPlans, runPeerBench, type PeerBenchResult} from "./lib/runPeerBench.js";
import {renderPeerReport} from "./lib/renderPeerReport.js";
import {defaultContextSize} from "../src/engine/defaultContextSize.js";
import {defaultSequences} from "../src/engine/defaultSequences.js";

const root = new URL("..", import.meta.url).pathname;
const {values} = parseArgs({
    options: {
        quick: {type: "boolean", default: false},
        model: {type: "string", multiple: true},
        "skip-large": {type: "boolean", default: false},
        threads: {type: "string"},
        // Only the engine v2 figures (docs/performance.md's features block), e.g. after a change to them alone.
        "features-only": {type: "boolean", default: false},
        // llama.cpp's own server (scripts/build-llama-server.sh builds it): measured side by side with `tholos serve`.
        "llama-server": {type: "string"},
        // Only that comparison (docs/performance.md's peer block).
        "peer-only": {type: "boolean", default: false}
    }
});
const quick = values.quick;
const smallModel = path.resolve(root, "../shared/models/stories260K.gguf");
const largeModel = path.join(root, ".tmp/bench-80m.gguf");

const models = values.model?.map((model) => path.resolve(model)) ??
    (quick || values["skip-large"] ? [smallModel] : [smallModel, largeModel]);
if (models.includes(largeModel) && !existsSync(largeModel)) {
    console.log("Generating the ~80M-parameter random-weight model (once; kept in .tmp/)…");
    execFileSync(process.execPath, ["--import", "tsx", "scripts/make-model.ts", "--out", largeModel, "--params", "80M", "--seed", "7"],
        {cwd: root, stdio: "inherit"});
}

const peerBinary = values["llama-server"] == null ? null : path.resolve(values["llama-server"]);
if (peerBinary != null && !existsSync(peerBinary)) throw new Error(`--llama-server ${peerBinary}: no such file (scripts/build-llama-server.sh builds it).`);
if (values["peer-only"] && peerBinary == null) throw new Error("--peer-only needs --llama-server <path>.");

const started = Date.now();
const peerResults: PeerBenchResult[] = [];
const llama = await getLlama({gpu: false, build: "never", progressLogs: false});
const results: ModelBenchResult[] = [];
const featureResults: FeatureBenchResult[] = [];
const settingsUsed: string[] = [];
for (const modelPath of models) {
    const plan = quick ? quickPlan : modelPath === largeModel ? largeModelPlan : fullPlan;
    // Both sides get the thread count `tholos serve` would pick for this model, unless --threads says otherwise.
    const parameters = countParameters(await readGgufFileInfo(modelPath));
    const threads = values.threads == null ? defaultThreads(parameters, hasPersistentThreadPool(llama)) : Number(values.threads);
    const flashAttention = defaultFlashAttention({parameters, cpu: true});
    settingsUsed.push(`${path.basename(modelPath, ".gguf")} ${threads} (flash attention ${flashAttention === false ? "off" : "auto"})`);
    if (peerBinary != null) {
        const trainContextSize = Number((await readGgufFileInfo(modelPath)).architectureMetadata.context_length ?? 4096);
        peerResults.push(await runPeerBench({
            peer: peerBinary, modelPath, sequences: defaultSequences, contextSize: defaultContextSize(trainContextSize),
            plan: quick ? peerPlans.quick : modelPath === largeModel ? peerPlans.large : peerPlans.small, log: (line) => console.log(`… ${line}`)
        }));
    }
    if (values["peer-only"]) continue;
    if (!values["features-only"])
        results.push(await runModelBench({llama, modelPath, threads, flashAttention, plan, log: (line) => console.log(`… ${line}`)}));
    featureResults.push(await runFeatureBench({
        modelPath, threads, rounds: Math.min(plan.rounds, 7), tokens: plan.tokens, log: (line) => console.log(`… ${line}`)
    }));
}
await llama.dispose();

const version = (name: string) => (JSON.parse(execFileSync("npm", ["ls", name, "--json", "--depth=0"], {cwd: root, encoding: "utf8"}))
    .dependencies?.[name]?.version as string | undefined) ?? "?";
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {cwd: root, encoding: "utf8"}).trim();
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}; ` +
    `Node ${process.versions.node}, node-llama-cpp ${version("node-llama-cpp")}, fastify ${version("fastify")}; threads per model: ${settingsUsed.join(", ")}; commit ${commit}`;
const largeModels = new Set([path.basename(largeModel, ".gguf")]);
const table = renderReport(results, largeModels);
const featureTable = renderFeatureReport(featureResults);
// The llama-server comparison only when a binary was given: without it that block is left as it is, never faked.
const peerTable = peerResults.length > 0 ? renderPeerReport(peerResults, largeModels) : null;
const caption = `${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} cores · commit ${commit}`;
const summary = `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC in ${((Date.now() - started) / 60_000).toFixed(1)} min ` +
    `with \`npm run bench\`. Machine: ${machine}.`;
const peerSummary = `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench -- --llama-server <path>\` ` +
    `(llama-server from node-llama-cpp's bundled llama.cpp, built by scripts/build-llama-server.sh). Machine: ${machine}.`;
const peerOnly = values["peer-only"];
console.log(`\n${summary}\n\n${peerOnly ? "" : `${table}\n\n${featureTable}\n\n`}${peerTable ?? "(no --llama-server: the comparison with llama-server was skipped)"}`);

const outDir = quick ? path.join(root, ".tmp/bench") : path.join(root, "docs");
await mkdir(outDir, {recursive: true});
if (!values["features-only"] && !peerOnly) await writeFile(path.join(outDir, "performance.svg"), renderChart(results, caption));
if (quick)
    await writeFile(path.join(outDir, "results.md"), [summary, table, featureTable, peerTable].filter((part) => part != null).join("\n\n") + "\n");
else {
    // Only the marked blocks of docs/performance.md are generated; the analysis around them is written by hand.
    const documentPath = path.join(outDir, "performance.md");
    let document = await readFile(documentPath, "utf8");
    const replaceBlock = (name: string, content: string) => {
        const block = new RegExp(`(<!-- ${name}:start -->\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
        if (!block.test(document)) throw new Error(`${documentPath} has no <!-- ${name}:start --> … <!-- ${name}:end --> block`);
        document = document.replace(block, (_, start: string, end: string) => `${start}${content}\n${end}`);
    };
    if (!values["features-only"] && !peerOnly) replaceBlock("bench", `${summary}\n\n${table}`);
    if (!peerOnly) replaceBlock("bench-features", featureTable);
    if (peerTable != null) replaceBlock("bench-peer", `${peerSummary}\n\n${peerTable}`);
    await writeFile(documentPath, document);
}
console.log(`\nWrote ${path.relative(root, outDir)}/${quick ? "results.md" : "performance.md"}`);
process.exit(0);
