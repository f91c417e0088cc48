#!/usr/bin/env bash
# A fresh machine with only its own Node: clones this checkout, runs the README's run command there with that Node
# (`npm ci && npm run serve -- --model …`, native addons built for it), and makes one call to each kind of route.
# Exits non-zero unless every call answers 200 with the expected JSON. .ci/run uses it to show the product still
# starts on the machine's Node (≥ 20.19) while the tests run on Node 24. Run it inside scripts/with-keyring.sh so the
# key goes to a throw-away keychain, never a developer's own.
#
#   bash scripts/with-keyring.sh bash scripts/smoke-serve.sh /usr/bin/node
set -euo pipefail
node="$(command -v "${1:-node}")"
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
log="$scratch/serve.log"
cleanup() {
    # The whole process group: npm doesn't pass a SIGTERM on to the server it started, which outlived every smoke run
    if [[ -n "${pid:-}" ]]; then kill -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

# That Node first on PATH (npm runs on it too), and node-gyp back on its own headers.
export PATH="$(dirname "$node"):$PATH"
unset npm_config_nodedir
echo "smoke: a clone of HEAD, npm ci and tholos serve on Node $(node --version) ($node)"
git clone --quiet "$root" "$scratch/tholos"
cd "$scratch/tholos"
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >"$scratch/npm-ci.log" 2>&1 || { cat "$scratch/npm-ci.log" >&2; exit 1; }

# In its own process group (setsid), so cleanup can stop npm and the server under it together
THOLOS_HOME="$scratch/home" setsid npm run --silent serve -- --model "$root/../shared/models/stories260K.gguf" --port 0 >"$log" 2>&1 &
pid=$!
base="" key=""
for _ in $(seq 1 300); do
    base="$(sed -n 's/^Base URL: //p' "$log")"
    key="$(sed -n 's/^API key: \([^ ]*\) .*/\1/p' "$log")"
    [[ -n "$base" && -n "$key" ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "smoke: serve exited" >&2; exit 1; }
    sleep 0.1
done
[[ -n "$base" && -n "$key" ]] || { cat "$log" >&2; echo "smoke: serve never reported its base URL and key" >&2; exit 1; }
echo "smoke: $(grep -m1 "^Running" "$log"), key in $(sed -n 's/^API key: [^ ]* (in \(.*\);.*/\1/p' "$log")"

call() { # path, JSON body (empty: GET), a piece the answer must contain
    local answer
    if [[ -z "$2" ]]; then
        answer="$(curl -sS --fail-with-body --max-time 60 "$base$1" -H "Authorization: Bearer $key")"
    else
        answer="$(curl -sS --fail-with-body --max-time 60 "$base$1" -H "Authorization: Bearer $key" -H "Content-Type: application/json" -d "$2")"
    fi
    [[ "$answer" == *"$3"* ]] || { echo "smoke: $1 answered: $answer" >&2; exit 1; }
    echo "smoke: $1 ok"
}
call /models "" '"id":"stories260K"'
call /chat/completions '{"messages":[{"role":"user","content":"Say hello in one sentence."}],"max_tokens":16}' '"object":"chat.completion"'
call /chat/completions '{"messages":[{"role":"user","content":"Hi"}],"max_tokens":8,"stream":true}' 'data: [DONE]'
call /completions '{"prompt":"Once upon a time","max_tokens":8}' '"object":"text_completion"'
call /embeddings '{"input":"a cat"}' '"object":"embedding"'
# Stored in responses.sqlite: better-sqlite3 built for this Node
call /responses '{"input":"Hi","max_output_tokens":8}' '"object":"response"'
first="$(sed -n 's/^{"id":"\(resp_[0-9a-f]*\)".*/\1/p' <<<"$(curl -sS --max-time 60 "$base/responses" -H "Authorization: Bearer $key" -H "Content-Type: application/json" -d '{"input":"Hi","max_output_tokens":8}')")"
call /responses "{\"previous_response_id\":\"$first\",\"input\":\"Again\",\"max_output_tokens\":8}" "\"previous_response_id\":\"$first\""
echo "smoke: the server answered on Node $(node --version)"
