#!/usr/bin/env -S node --max-semi-space-size=2
// Runs the compiled CLI (`npm ci` builds it through the `prepare` script).
// --max-semi-space-size=2 (MiB): V8's young generation otherwise grows to 16 MiB semi-spaces while a model loads and
// keeps them, ≈ 25 MiB of idle RSS for nothing; scavenges of 2 MiB stay sub-millisecond (docs/performance.md).
import "../dist/src/cli/main.js";
