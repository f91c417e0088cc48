"""A message (Anthropic's Messages API) with Python's requests."""
import os

import requests

base_url = os.environ["THOLOS_BASE_URL"]  # e.g. http://127.0.0.1:8756/v1
api_key = os.environ["THOLOS_API_KEY"]

response = requests.post(
    f"{base_url}/messages",
    headers={"x-api-key": api_key, "anthropic-version": "2023-06-01"},
    json={
        "max_tokens": 64,
        "system": "You are a helpful assistant.",
        "messages": [{"role": "user", "content": "Say hello in one sentence."}],
        "temperature": 0.7,
    },
    timeout=120,
)
if not response.ok:
    # Errors are Anthropic's error object: {"type": "error", "error": {"type": ..., "message": ...}}
    raise SystemExit(response.json()["error"]["message"])
message = response.json()

print("".join(block["text"] for block in message["content"] if block["type"] == "text"))
print("stop_reason:", message["stop_reason"])
print("usage:", message["usage"]["input_tokens"], "in,", message["usage"]["output_tokens"], "out")
