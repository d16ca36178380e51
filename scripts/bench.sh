#!/usr/bin/env bash
# Measures the release build in headless Chromium and writes BENCHMARKS.md:
# the IndexedDB layouts (tests/layout_bench.rs), then the app (bench/run.mjs).
# Pass sizes as a comma list to change them: bash scripts/bench.sh 10000,100000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
echo "[bench] IndexedDB layouts (wasm-bindgen-test, release)"
WASM_BINDGEN_TEST_TIMEOUT=900 cargo test --release --target wasm32-unknown-unknown --test layout_bench -- --nocapture \
  | tee /dev/stderr | grep '^LAYOUT' > target/layout-bench.txt || true
echo "[bench] release build"
trunk build --release
node bench/run.mjs "$@"
