#!/usr/bin/env bash
# The loaded model in Anthropic's list shape: Anthropic's clients send anthropic-version (and the key as x-api-key).
curl -sS --fail-with-body "$THOLOS_BASE_URL/models" \
  -H "x-api-key: $THOLOS_API_KEY" \
  -H "anthropic-version: 2023-06-01"
