// Bundles node-llama-cpp (as patched by `npm ci`) and its dependencies into one ES module beside the package's entry,
// which bin/tholos.js then imports instead (src/engine/nodeLlamaCppBundle.ts): ≈ 530 modules resolved, read and linked
// one by one were most of a cold start's import time. Run by `npm run build` (and `prepare`, after patch-package).
import fs from "node:fs/promises";
import path from "node:path";
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";
import {nodeLlamaCppBundleFileName} from "../src/engine/nodeLlamaCppBundle.js";

const entry = fileURLToPath(import.meta.resolve("node-llama-cpp"));
const outfile = path.join(path.dirname(entry), nodeLlamaCppBundleFileName);

await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    // Native addons and the per-platform binary packages are found at run time, as the package itself finds them.
    // lifecycle-utils stays one copy: the engine reads node-llama-cpp's locks through it (LlamaEngine.load).
    external: ["*.node", "@node-llama-cpp/*", "@reflink/*", "electron", "lifecycle-utils"],
    // Bundled CommonJS dependencies call require() for Node's built-ins
    banner: {js: "import {createRequire as createRequireForBundle} from \"node:module\"; const require = createRequireForBundle(import.meta.url);"},
    plugins: [{
        name: "keep-module-urls",
        setup(build) {
            // node-llama-cpp finds its own files (package.json, llama/, its binaries) from each module's import.meta.url;
            // every module keeps the URL of its original file, relative to the bundle so the package can still move.
            build.onLoad({filter: /\.[cm]?js$/}, async ({path: file}) => {
                const contents = await fs.readFile(file, "utf8");
                if (!contents.includes("import.meta.url")) return {contents, loader: "js"};
                const relative = path.relative(path.dirname(outfile), file).split(path.sep).join("/");
                const url = `new URL(${JSON.stringify(relative.startsWith(".") ? relative : `./${relative}`)}, import.meta.url).href`;
                return {contents: contents.replaceAll("import.meta.url", url), loader: "js"};
            });
        }
    }]
});
