#!/usr/bin/env bash
# Builds the release app and serves it on http://127.0.0.1:8080 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
echo "[serve] building the release app (trunk build --release)"
trunk build --release
exec node scripts/serve-dist.mjs dist "${PORT:-8080}" 127.0.0.1
