#!/usr/bin/env bash
# Installs test/clients (the client libraries users point at the server, with zod 4) from its lockfile, unless
# node_modules already holds exactly that lockfile's tree. `npm test` runs it first (pretest).
set -euo pipefail
clients="$(cd "$(dirname "$0")/../test/clients" && pwd)"
# npm writes node_modules/.package-lock.json after every install: newer than the lockfile ⇒ already installed.
if [[ "$clients/node_modules/.package-lock.json" -nt "$clients/package-lock.json" ]]; then
    exit 0
fi
npm ci --prefix "$clients" --no-audit --no-fund --loglevel=error
