import {readFileSync} from "node:fs";

/** vitest globalSetup: the first line of every run says which Node and native parts the tests run on. */
export default function printRuntime() {
    const llama = JSON.parse(readFileSync(new URL("../../node_modules/node-llama-cpp/package.json", import.meta.url), "utf8")) as {version: string};
    process.stdout.write(`Tests run on Node ${process.version} (${process.platform}-${process.arch}, ABI ${process.versions.modules}), ` +
        `node-llama-cpp ${llama.version}\n`);
}
