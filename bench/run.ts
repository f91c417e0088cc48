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
import {fullPlan, largeModelPlan, quickPlan} from "./lib/benchPlan.js";
import {renderChart} from "./lib/renderChart.js";
import {renderReport} from "./lib/renderReport.js";
import {runModelBench, type ModelBenchResult} from "./lib/runModelBench.js";
import {runFeatureBench, type FeatureBenchResult} from "./lib/runFeatureBench.js";
import {renderFeatureReport} from "./lib/renderFeatureReport.js";

const root = new URL("..", import.meta.url).pathname;
const {values} = parseArgs({
    options: {
        quick: {type: "boolean", default: false},
        model: {type: "string", multiple: true},
        "skip-large": {type: "boolean", default: false},
        threads: {type: "string"},
        // Only the engine v2 figures (docs/performance.md's features block), e.g. after a change to them alone.
        "features-only": {type: "boolean", default: false}
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

const started = Date.now();
const llama = await getLlama({gpu: false, build: "never", progressLogs: false});
const results: ModelBenchResult[] = [];
const featureResults: FeatureBenchResult[] = [];
const settingsUsed: string[] = [];
for (const modelPath of models) {
    const plan = quick ? quickPlan : modelPath === largeModel ? largeModelPlan : fullPlan;
    // Both sides get the thread count `tholos serve` would pick for this model, unless --threads says otherwise.
    const parameters = countParameters(await readGgufFileInfo(modelPath));
    const threads = values.threads == null ? defaultThreads(parameters) : Number(values.threads);
    const flashAttention = defaultFlashAttention({parameters, cpu: true});
    settingsUsed.push(`${path.basename(modelPath, ".gguf")} ${threads} (flash attention ${flashAttention === false ? "off" : "auto"})`);
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
const table = renderReport(results, new Set([path.basename(largeModel, ".gguf")]));
const featureTable = renderFeatureReport(featureResults);
const caption = `${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} cores · commit ${commit}`;
const summary = `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC in ${((Date.now() - started) / 60_000).toFixed(1)} min ` +
    `with \`npm run bench\`. Machine: ${machine}.`;
console.log(`\n${summary}\n\n${table}\n\n${featureTable}`);

const outDir = quick ? path.join(root, ".tmp/bench") : path.join(root, "docs");
await mkdir(outDir, {recursive: true});
if (!values["features-only"]) await writeFile(path.join(outDir, "performance.svg"), renderChart(results, caption));
if (quick)
    await writeFile(path.join(outDir, "results.md"), `${summary}\n\n${table}\n\n${featureTable}\n`);
else {
    // Only the marked block of docs/performance.md is generated; the analysis around it is written by hand.
    const documentPath = path.join(outDir, "performance.md");
    const document = await readFile(documentPath, "utf8");
    const block = /(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/;
    if (!block.test(document)) throw new Error(`${documentPath} has no <!-- bench:start --> … <!-- bench:end --> block`);
    const features = /(<!-- bench-features:start -->\n)[\s\S]*?(<!-- bench-features:end -->)/;
    if (!features.test(document)) throw new Error(`${documentPath} has no <!-- bench-features:start --> … <!-- bench-features:end --> block`);
    await writeFile(documentPath, document
        .replace(block, (whole, start: string, end: string) => values["features-only"] ? whole : `${start}${summary}\n\n${table}\n${end}`)
        .replace(features, (_, start: string, end: string) => `${start}${featureTable}\n${end}`));
}
console.log(`\nWrote ${path.relative(root, outDir)}/${values["features-only"] ? "performance.md (features block)" : "performance.svg"}`);
process.exit(0);
