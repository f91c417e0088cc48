#!/usr/bin/env bash
# A message (Anthropic's Messages API); `model` is omitted, so the loaded model answers. max_tokens is required.
curl -sS --fail-with-body "$THOLOS_BASE_URL/messages" \
  -H "x-api-key: $THOLOS_API_KEY" \
  -H "anthropic-version: 2023-06-01" \
  -H "Content-Type: application/json" \
  -d '{
    "max_tokens": 64,
    "system": "You are a helpful assistant.",
    "messages": [{"role": "user", "content": "Say hello in one sentence."}]
  }'
