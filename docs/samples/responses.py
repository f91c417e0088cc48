"""A response (OpenAI's Responses API) with Python's requests."""
import os

import requests

base_url = os.environ["THOLOS_BASE_URL"]  # e.g. http://127.0.0.1:8756/v1
api_key = os.environ["THOLOS_API_KEY"]

response = requests.post(
    f"{base_url}/responses",
    headers={"Authorization": f"Bearer {api_key}"},
    json={
        "instructions": "You are a helpful assistant.",
        "input": [{"role": "user", "content": "Say hello in one sentence."}],
        "max_output_tokens": 64,
        "temperature": 0.7,
    },
    timeout=120,
)
response.raise_for_status()
answer = response.json()

# The text is in the output's message item(s); SDKs call this output_text
text = "".join(part["text"] for item in answer["output"] if item["type"] == "message" for part in item["content"])
print(text)
print("status:", answer["status"])
print("usage:", answer["usage"]["input_tokens"], "in,", answer["usage"]["output_tokens"], "out")
