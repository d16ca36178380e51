#!/usr/bin/env bash
# Runs every test: formatting and lints, host tests, browser tests of the store on
# real IndexedDB, and end-to-end tests against the release build in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
step() { printf '\n\033[1m[test] %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (host and wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --features split --bin kehu -- -D warnings
step "host tests: model, workbook, i18n, schema (cargo test)"
cargo test
step "browser tests: the store on IndexedDB in headless Chromium (wasm-bindgen-test)"
# The runner stops a run that has not finished in WASM_BINDGEN_TEST_TIMEOUT seconds
# (20 by default): the whole file, 23 tests that merge books of thousands of records,
# takes about that on a slow or busy machine. A guard against a hang, not a target.
WASM_BINDGEN_TEST_TIMEOUT=300 cargo test --target wasm32-unknown-unknown --test store_browser
step "release build (trunk build --release)"
trunk build --release
step "end-to-end tests in headless Chromium (node --test e2e/*.test.mjs)"
node --test --test-concurrency=1 e2e/*.test.mjs
