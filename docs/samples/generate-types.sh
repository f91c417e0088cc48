#!/usr/bin/env bash
# Generate TypeScript types from the server's published OpenAPI document (no key needed for /openapi.json).
npx openapi-typescript "${THOLOS_BASE_URL%/v1}/openapi.json" --output tholos-api.d.ts
