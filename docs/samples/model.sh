#!/usr/bin/env bash
# One model by id: the loaded model with what it can do (context length, chat template, backend); another id is a 404.
curl -sS --fail-with-body "$THOLOS_BASE_URL/models/stories260K" \
  -H "Authorization: Bearer $THOLOS_API_KEY"
