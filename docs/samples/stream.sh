#!/usr/bin/env bash
# A streamed chat completion: server-sent events, one `data:` line per chunk, ending with `data: [DONE]`.
curl -sS -N --fail-with-body "$THOLOS_BASE_URL/chat/completions" \
  -H "Authorization: Bearer $THOLOS_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
    "messages": [{"role": "user", "content": "Tell me a very short story."}],
    "max_tokens": 64,
    "stream": true,
    "stream_options": {"include_usage": true}
  }'
