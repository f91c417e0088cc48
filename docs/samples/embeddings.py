"""Embeddings with requests, as floats and as base64."""
import base64
import os
import struct

import requests

base_url = os.environ["THOLOS_BASE_URL"]
api_key = os.environ["THOLOS_API_KEY"]
headers = {"Authorization": f"Bearer {api_key}"}

response = requests.post(
    f"{base_url}/embeddings",
    headers=headers,
    json={"input": ["The cat sat on the mat.", "A kitten rested on the rug."]},
    timeout=120,
)
response.raise_for_status()
first, second = (item["embedding"] for item in response.json()["data"])
print(f"2 vectors of {len(first)} dimensions")


def norm(vector):
    return sum(x * x for x in vector) ** 0.5


cosine = sum(a * b for a, b in zip(first, second)) / (norm(first) * norm(second))
print("cosine similarity:", round(cosine, 4))

# base64 is a quarter of the size: the vector's little-endian float32 bytes.
response = requests.post(
    f"{base_url}/embeddings",
    headers=headers,
    json={"input": "The cat sat on the mat.", "encoding_format": "base64"},
    timeout=120,
)
response.raise_for_status()
raw = base64.b64decode(response.json()["data"][0]["embedding"])
vector = struct.unpack(f"<{len(raw) // 4}f", raw)
print(f"base64: {len(vector)} dimensions, same as float: {all(abs(a - b) < 1e-6 for a, b in zip(vector, first))}")
