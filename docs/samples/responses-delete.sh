#!/usr/bin/env bash
# Deleting a stored response: it can't be read or continued any more.
set -euo pipefail
id=$(curl -sS --fail-with-body "$THOLOS_BASE_URL/responses" -H "Authorization: Bearer $THOLOS_API_KEY" -H "Content-Type: application/json" \
  -d '{"input": "Say hello.", "max_output_tokens": 16}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
curl -sS --fail-with-body -X DELETE "$THOLOS_BASE_URL/responses/$id" -H "Authorization: Bearer $THOLOS_API_KEY"
echo
curl -sS -o /dev/null -w 'after delete: %{http_code}\n' "$THOLOS_BASE_URL/responses/$id" -H "Authorization: Bearer $THOLOS_API_KEY"
