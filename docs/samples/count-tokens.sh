#!/usr/bin/env bash
# How many prompt tokens a message would take (template, system prompt, tools and messages), without generating.
curl -sS --fail-with-body "$THOLOS_BASE_URL/messages/count_tokens" \
  -H "x-api-key: $THOLOS_API_KEY" \
  -H "anthropic-version: 2023-06-01" \
  -H "Content-Type: application/json" \
  -d '{
    "system": "You are a helpful assistant.",
    "tools": [{
      "name": "get_weather",
      "description": "The weather in a city",
      "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
    }],
    "messages": [{"role": "user", "content": "What is the weather in Paris?"}]
  }'
