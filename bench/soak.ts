// `npm run soak`: a bounded load run on the real model (SPEC §5). `npm run soak -- --short` (or THOLOS_SOAK_REQUESTS)
// for a quick one; `--seed <n>` repeats a run. Ends with one summary line; exits 1 unless it passed.
import {parseArgs} from "node:util";
import {runSoak} from "./soak/runSoak.js";

const {values} = parseArgs({
    options: {
        short: {type: "boolean", default: false},
        requests: {type: "string"},
        concurrency: {type: "string"},
        seed: {type: "string"},
        model: {type: "string"}
    }
});
const requests = Number(values.requests ?? process.env.THOLOS_SOAK_REQUESTS ?? (values.short ? 100 : 2_000));
const result = await runSoak({
    modelPath: values.model ?? process.env.THOLOS_BENCH_MODEL ?? new URL("../../shared/models/stories260K.gguf", import.meta.url).pathname,
    requests,
    concurrency: values.concurrency == null ? undefined : Number(values.concurrency),
    seed: values.seed == null ? undefined : Number(values.seed)
});
for (const failure of result.failures.slice(0, 20)) console.error(failure);
console.log(result.summary);
process.exitCode = result.passed ? 0 : 1;
