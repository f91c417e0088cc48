#!/usr/bin/env bash
# Builds node-llama-cpp's llama.cpp binding from source (its bundled llama.cpp, CPU), with the project's patch
# (patches/node-llama-cpp+3.21.1.patch, applied by `npm ci`): a persistent ggml thread pool per context, no OpenMP,
# next tokens sampled in the decode's own native call, and sequence states copied in memory (the prompt cache's).
# node-llama-cpp then loads this local build instead of its prebuilt binaries (whose decodes each start and join their
# threads: with more than one thread that made decoding several times slower, see docs/performance.md). ≈ 10 min on 2
# cores, once: later runs find the build and return. Needs cmake and a C++ compiler.
#
# Without them the build is skipped with a warning (the prebuilt binaries still work, slower with threads > 1), unless
# THOLOS_REQUIRE_ALL_TESTS is set (CI), where a missing build is a failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
llama="$root/node_modules/node-llama-cpp/llama"
patch="$root/patches/node-llama-cpp+3.21.1.patch"
built="$llama/localBuilds/.tholos-engine-build"

fail() {
    if [[ -n "${THOLOS_REQUIRE_ALL_TESTS:-}" ]]; then
        echo "build-engine: $1" >&2
        exit 1
    fi
    echo "build-engine: skipped, $1; node-llama-cpp's prebuilt binaries are used (slower with --threads > 1)." >&2
    exit 0
}

# Built from this very patch already: nothing to do
if [[ -f "$built" && "$(cat "$built")" == "$(sha256sum "$patch" | cut -d' ' -f1)" ]]; then
    exit 0
fi
command -v cmake >/dev/null || fail "cmake is not installed"
command -v c++ >/dev/null || fail "no C++ compiler (c++) is installed"
grep -q "tholos" "$llama/addon/AddonContext.h" || fail "node-llama-cpp's sources are not patched (run npm ci, which applies patches/)"

echo "build-engine: building llama.cpp for node-llama-cpp from its bundled source (≈ 10 min on 2 cores)…" >&2
(cd "$root" && npx --no node-llama-cpp source download --gpu false --noUsageExample >&2) || fail "the build failed"
sha256sum "$patch" | cut -d' ' -f1 > "$built"
