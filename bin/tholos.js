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
// node-llama-cpp from its one-file bundle (`npm run build` writes it) where the runtime can redirect the import: a third
// of the import time (src/engine/nodeLlamaCppBundle.ts).
const {useNodeLlamaCppBundle} = await import("../dist/src/engine/nodeLlamaCppBundle.js");
useNodeLlamaCppBundle();
await import("../dist/src/cli/main.js");
