#!/usr/bin/env bash
# Builds llama.cpp's own `llama-server` from the very llama.cpp source node-llama-cpp ships
# (node_modules/node-llama-cpp/llama/gitRelease.bundle), CPU only, no HTTPS, no web UI, into a cache folder outside the
# repo, and prints the binary's path: the peer `npm run bench -- --llama-server <path>` measures the server against.
# ≈ 9 min on 2 cores the first time; later runs find the binary and print it at once.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bundle="$root/node_modules/node-llama-cpp/llama/gitRelease.bundle"
[[ -f "$bundle" ]] || { echo "No $bundle: run npm ci first." >&2; exit 1; }
# Keyed by the bundle's commit (80fb11a for node-llama-cpp 3.21.1), so another node-llama-cpp builds its own
commit="$(git bundle list-heads "$bundle" | awk '$2 == "HEAD" {print substr($1, 1, 12)}')"
cache="${THOLOS_LLAMA_SERVER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tholos/llama-server}/$commit"
binary="$cache/build/bin/llama-server"
if [[ -x "$binary" ]]; then
    echo "$binary"
    exit 0
fi
mkdir -p "$cache"
if [[ ! -d "$cache/src/.git" ]]; then
    rm -rf "$cache/src"
    git clone --quiet "$bundle" "$cache/src" >&2
fi
cmake -S "$cache/src" -B "$cache/build" -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=ON -DLLAMA_OPENSSL=OFF -DLLAMA_CURL=OFF \
    -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DBUILD_SHARED_LIBS=OFF >&2
cmake --build "$cache/build" --config Release --target llama-server -j "$(nproc)" >&2
echo "$binary"
