#!/usr/bin/env bash
# A plain-text completion: the model continues the prompt, no chat template applied.
curl -sS --fail-with-body "$THOLOS_BASE_URL/completions" \
  -H "Authorization: Bearer $THOLOS_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "prompt": "Once upon a time",
    "max_tokens": 32,
    "temperature": 0.8,
    "seed": 42
  }'
