#!/usr/bin/env bash
# Stored responses: the second turn sends only its new input, with previous_response_id; the server puts the stored
# conversation before it. Then the response is read back.
set -euo pipefail
api() { curl -sS --fail-with-body "$THOLOS_BASE_URL$1" -H "Authorization: Bearer $THOLOS_API_KEY" -H "Content-Type: application/json" "${@:2}"; }
id_of() { python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'; }

first=$(api /responses -d '{"input": "My name is Ada. Say hello.", "max_output_tokens": 32}' | id_of)
second=$(api /responses -d "{\"previous_response_id\": \"$first\", \"input\": \"What is my name?\", \"max_output_tokens\": 32}" | id_of)
api "/responses/$second" | python3 -c 'import json, sys; r = json.load(sys.stdin); print("continued:", r["previous_response_id"], r["status"])'
