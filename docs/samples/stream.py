"""A streamed chat completion with requests: print the text as it is generated."""
import json
import os

import requests

base_url = os.environ["THOLOS_BASE_URL"]
api_key = os.environ["THOLOS_API_KEY"]

with requests.post(
    f"{base_url}/chat/completions",
    headers={"Authorization": f"Bearer {api_key}"},
    json={
        "messages": [{"role": "user", "content": "Tell me a very short story."}],
        "max_tokens": 64,
        "stream": True,
        "stream_options": {"include_usage": True},
    },
    stream=True,
    timeout=120,
) as response:
    response.raise_for_status()
    usage = None
    for line in response.iter_lines():
        # Each event is one line `data: <json>`; the last is `data: [DONE]`.
        if not line.startswith(b"data: "):
            continue
        data = line[len(b"data: "):].decode("utf-8")
        if data == "[DONE]":
            break
        chunk = json.loads(data)
        for choice in chunk["choices"]:
            print(choice["delta"].get("content") or "", end="", flush=True)
        usage = chunk.get("usage") or usage

print()
print("usage:", usage)
