#!/usr/bin/env bash
# Installs whatever is missing to build, serve, test and benchmark Kehu on a Debian
# machine that has rustup/cargo. Idempotent; every version is pinned; says what it does.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_SPLIT_VERSION=0.2.4
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "[setup] Node.js 20 or later is needed (for wasm-opt, terser, playwright-core and the sync tests' pouchdb-server); found: $(node --version 2>/dev/null || echo none)." >&2
  echo "[setup] Install it from your distribution or nodejs.org, then run this again." >&2
  exit 1
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding the Rust component $component"
    rustup component add "$component"
  fi
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes ~15 minutes the first time)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock. (No --locked: its
# locked dependency set is not all served by the registry.)
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes ~6 minutes the first time)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-split-cli cuts the app's WebAssembly into one chunk per module
# (scripts/build-wasm.sh); its crate's own lock file pins its dependencies.
# (It has no --version: cargo's list of installed crates says which one is there.)
if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (takes ~2 minutes the first time)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --force
fi

# wasm-opt (npm binaryen; Debian's older one breaks the app), terser, playwright-core,
# axe-core and pouchdb-server (the CouchDB-compatible server of the sync tests): every
# devDependency of package.json at its pinned version. npm does not run leveldown's
# install script (pouchdb-server's on-disk store); none is needed: the package ships
# prebuilt N-API binaries, loaded at run time.
if ! node -e "const p=require('./package.json').devDependencies;for(const [n,v] of Object.entries(p)){if(require('./node_modules/'+n+'/package.json').version!==v)process.exit(1)}" 2>/dev/null; then
  say "installing npm tools: binaryen (wasm-opt), terser, playwright-core, axe-core and pouchdb-server, as pinned in package-lock.json"
  npm ci --no-audit --no-fund
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing Debian's chromium and chromium-driver"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-driver
fi

say "ready: $(trunk --version), $(wasm-bindgen --version), wasm-split-cli $WASM_SPLIT_VERSION, wasm-opt $(node_modules/.bin/wasm-opt --version | awk '{print $3}'), $(/usr/bin/chromium --version 2>/dev/null)"
