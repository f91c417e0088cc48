#!/usr/bin/env bash
# A streamed message: Anthropic's events, each an `event:` line and a `data:` line (-N: print them as they come).
curl -sS -N --fail-with-body "$THOLOS_BASE_URL/messages" \
  -H "x-api-key: $THOLOS_API_KEY" \
  -H "anthropic-version: 2023-06-01" \
  -H "Content-Type: application/json" \
  -d '{
    "max_tokens": 32,
    "stream": true,
    "messages": [{"role": "user", "content": "Tell me a very short story."}]
  }'
