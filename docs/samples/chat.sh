#!/usr/bin/env bash
# A chat completion; `model` is omitted, so the loaded model answers.
curl -sS --fail-with-body "$THOLOS_BASE_URL/chat/completions" \
  -H "Authorization: Bearer $THOLOS_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "messages": [{"role": "user", "content": "Say hello in one sentence."}],
    "max_tokens": 64
  }'
