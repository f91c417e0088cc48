#!/usr/bin/env bash
# A streamed response: typed server-sent events, an `event:` line naming each `data:` line's type.
curl -sS --fail-with-body -N "$THOLOS_BASE_URL/responses" \
  -H "Authorization: Bearer $THOLOS_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "input": [{"role": "user", "content": "Tell me a very short story."}],
    "max_output_tokens": 48,
    "stream": true
  }'
