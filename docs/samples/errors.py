"""Errors: every failure is JSON {"error": {message, type, param, code}}; 429 and 503 say when to retry."""
import os
import time

import requests

base_url = os.environ["THOLOS_BASE_URL"]
api_key = os.environ["THOLOS_API_KEY"]


def post(path, body, attempts=5):
    """POST, waiting out `429 queue_full` and `503` (model loading) as the Retry-After header says."""
    for _ in range(attempts):
        response = requests.post(
            f"{base_url}{path}",
            headers={"Authorization": f"Bearer {api_key}"},
            json=body,
            timeout=120,
        )
        if response.status_code not in (429, 503):
            return response
        time.sleep(float(response.headers.get("Retry-After", "1")))
    return response


response = post("/chat/completions", {
    "model": "gpt-4o",  # not the loaded model
    "messages": [{"role": "user", "content": "Hello"}],
})
if not response.ok:
    error = response.json()["error"]
    print(response.status_code, error["code"], error["param"])
    print(error["message"])
