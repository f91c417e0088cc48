#!/usr/bin/env bash
# List the model loaded in the app (its id is what `model` takes in other requests).
curl -sS --fail-with-body "$THOLOS_BASE_URL/models" \
  -H "Authorization: Bearer $THOLOS_API_KEY"
