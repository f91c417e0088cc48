#!/usr/bin/env bash
# A response (OpenAI's Responses API); `model` is omitted, so the loaded model answers.
curl -sS --fail-with-body "$THOLOS_BASE_URL/responses" \
  -H "Authorization: Bearer $THOLOS_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "instructions": "You are a helpful assistant.",
    "input": "Say hello in one sentence.",
    "max_output_tokens": 64
  }'
