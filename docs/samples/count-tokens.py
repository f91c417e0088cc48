"""Counts a message's prompt tokens before sending it, e.g. to keep a conversation within the model's context."""
import os

import requests

base_url = os.environ["THOLOS_BASE_URL"]
headers = {"x-api-key": os.environ["THOLOS_API_KEY"], "anthropic-version": "2023-06-01"}

models = requests.get(f"{base_url}/models", headers=headers, timeout=30).json()
context = models["data"][0]["max_input_tokens"]

conversation = {"messages": [{"role": "user", "content": "Tell me about the sea."}]}
counted = requests.post(f"{base_url}/messages/count_tokens", headers=headers, json=conversation, timeout=30)
counted.raise_for_status()
tokens = counted.json()["input_tokens"]
print(f"{tokens} of {context} tokens used; {context - tokens} left for the answer")
