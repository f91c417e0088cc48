#!/usr/bin/env -S node --max-semi-space-size=2
// Runs the compiled CLI (`npm ci` builds it through the `prepare` script).
// --max-semi-space-size=2 (MiB): V8's young generation otherwise grows to 16 MiB semi-spaces while a model loads and
// keeps them, ≈ 25 MiB of idle RSS for nothing; scavenges of 2 MiB stay sub-millisecond (docs/performance.md).

// Checked before anything is imported: on an older Node a dependency would fail first, with an error that says nothing
// about the cause. 20.19 is package.json's `engines` floor (require() of ES modules unflagged).
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
    process.stderr.write(`tholos: needs Node.js 20.19 or newer (24 LTS recommended); this is Node.js ${process.version}.\n`);
    process.exit(1);
}
// V8's compiled code for the CLI and its dependencies is kept on disk (Node 22.1+), so later starts skip compiling it.
const {enableCompileCache} = await import("node:module");
enableCompileCache?.();
// The CLI as one esbuild bundle (`npm run build` writes dist/bundle/ after tsc): its ≈ 1,100 modules one by one were most
// of a cold start's JS (docs/performance.md). A bundle older than tsc's output is stale, and a tsc-only build has none:
// then the modules run.
const {statSync} = await import("node:fs");
const modified = (file) => statSync(new URL(file, import.meta.url), {throwIfNoEntry: false})?.mtimeMs ?? -1;
const bundled = modified("../dist/bundle/main.js") >= modified("../dist/src/cli/main.js");
await import(bundled ? "../dist/bundle/main.js" : "../dist/src/cli/main.js");
