"""A stored response's input items, page by page, with Python's requests."""
import os

import requests

base_url = os.environ["THOLOS_BASE_URL"]  # e.g. http://127.0.0.1:8756/v1
headers = {"Authorization": f"Bearer {os.environ['THOLOS_API_KEY']}"}

conversation = [
    {"role": "user", "content": "Remember the word apple."},
    {"role": "assistant", "content": "Apple."},
    {"role": "user", "content": "Which word?"},
]
created = requests.post(f"{base_url}/responses", headers=headers, json={"input": conversation, "max_output_tokens": 16}, timeout=120)
created.raise_for_status()
response_id = created.json()["id"]

after = None
while True:
    params = {"order": "asc", "limit": 2, **({"after": after} if after else {})}
    page = requests.get(f"{base_url}/responses/{response_id}/input_items", headers=headers, params=params, timeout=30)
    page.raise_for_status()
    body = page.json()
    for item in body["data"]:
        print(item["role"], item["content"][0]["text"])
    if not body["has_more"]:
        break
    after = body["last_id"]
