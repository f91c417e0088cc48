"""A chat completion with Python's requests."""
import os

import requests

base_url = os.environ["THOLOS_BASE_URL"]  # e.g. http://127.0.0.1:8756/v1
api_key = os.environ["THOLOS_API_KEY"]

response = requests.post(
    f"{base_url}/chat/completions",
    headers={"Authorization": f"Bearer {api_key}"},
    json={
        "messages": [
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "Say hello in one sentence."},
        ],
        "max_tokens": 64,
        "temperature": 0.7,
    },
    timeout=120,
)
response.raise_for_status()
completion = response.json()

print(completion["choices"][0]["message"]["content"])
print("finish_reason:", completion["choices"][0]["finish_reason"])
print("usage:", completion["usage"])
