#!/usr/bin/env bash
# Measures the release build in headless Chromium and writes BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
trunk build --release
node bench/run.mjs "$@"
