// Bundles the compiled CLI (dist/src/cli/main.js) with its dependencies, node-llama-cpp (as patched by `npm ci`),
// Fastify and zod among them, into dist/bundle/, which bin/tholos.js runs: the ≈ 1,100 modules resolved, read and
// linked one by one were most of a cold start's JS (docs/performance.md). The CLI's lazy imports (`serve`, the engine,
// the server) stay separate chunks, loaded when needed. Run by `npm run build`, after tsc.
import fs from "node:fs/promises";
import path from "node:path";
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const outdir = path.join(root, "dist/bundle");

await fs.rm(outdir, {recursive: true, force: true});
await esbuild.build({
    entryPoints: [path.join(root, "dist/src/cli/main.js")],
    outdir,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    // Native addons, and the packages that find theirs from their own files, load from node_modules at run time;
    // keytar is imported by a computed name (KeychainKeyStore), electron only inside the tray.
    external: ["*.node", "@node-llama-cpp/*", "@reflink/*", "better-sqlite3", "keytar", "electron"],
    // Bundled CommonJS dependencies call require() for Node's built-ins
    banner: {js: "import {createRequire as createRequireForBundle} from \"node:module\"; const require = createRequireForBundle(import.meta.url);"},
    plugins: [{
        name: "keep-module-urls",
        setup(build) {
            // node-llama-cpp finds its package.json, llama/ folder and binaries from each module's import.meta.url, and
            // the CLI its package root: every module keeps its original file's URL, relative so the folder can move.
            build.onLoad({filter: /\.[cm]?js$/}, async ({path: file}) => {
                const contents = await fs.readFile(file, "utf8");
                if (!contents.includes("import.meta.url")) return {contents, loader: "js"};
                const relative = path.relative(outdir, file).split(path.sep).join("/");
                return {contents: contents.replaceAll("import.meta.url", `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: "js"};
            });
        }
    }]
});
