import {readFileSync} from "node:fs";

/** vitest globalSetup: the first line of every run says which Node and native parts the tests run on. */
export default function printRuntime() {
    // Each test project runs its global setup; the line is printed once per run.
    if (process.env.THOLOS_RUNTIME_PRINTED === "1") return;
    process.env.THOLOS_RUNTIME_PRINTED = "1";
    const llama = JSON.parse(readFileSync(new URL("../../node_modules/node-llama-cpp/package.json", import.meta.url), "utf8")) as {version: string};
    process.stdout.write(`Tests run on Node ${process.version} (${process.platform}-${process.arch}, ABI ${process.versions.modules}), ` +
        `node-llama-cpp ${llama.version}\n`);
}
