#!/usr/bin/env bash
# Builds the app's WebAssembly into Trunk's staging directory, split per module (a
# Trunk build hook, see Trunk.toml; docs/decisions.md says why not Trunk's own rust
# pipeline). Every tool comes from PATH at its pinned version (scripts/setup.sh);
# nothing is downloaded.
#
#   1. cargo builds kehu.wasm with the feature `split` (src/split.rs), keeping the
#      linker's relocations (wasm-split needs them to move code and data);
#   2. wasm-split-cli cuts out one chunk per split point (`page_routes!` marks one per
#      module) plus the chunks they share, and writes __wasm_split.js, which fetches a
#      chunk when its split point is first called; the ~640 shared chunks are merged
#      into a few files (scripts/merge-chunks.mjs), as each file costs a module's first
#      opening about 5 ms;
#   3. wasm-bindgen writes the JS glue of the main module (kehu.js, kehu_bg.wasm);
#   4. release: wasm-opt -Oz on every module (scripts/opt-wasm.mjs), terser on the JS;
#   5. every chunk's name gets a hash of the whole build, so a page of one version
#      never runs a chunk of another: a stale page's request finds no file and says so
#      (ui::chunk) instead of running mismatched code; the loader is rewritten in a
#      compact form, as it is part of the first download
#      (scripts/compact-split-loader.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."

out="${TRUNK_STAGING_DIR:?run by trunk build (Trunk.toml), which sets TRUNK_STAGING_DIR}"
profile="${TRUNK_PROFILE:-debug}"
target_dir="${CARGO_TARGET_DIR:-target}"
work="$target_dir/kehu-split/$profile"
rm -rf "$work"
mkdir -p "$work/split" "$work/glue"

cargo_profile=()
[ "$profile" = release ] && cargo_profile=(--release)
# `cargo rustc` passes these arguments to the app's own crate and link only: the
# dependencies keep the artifacts `cargo build`, clippy and the tests share.
# The inlining threshold: at opt-level "z" LLVM leaves one-line functions (a slice's
# split_at, a string's as_str) out of line. In one module the engine inlines them at
# run time; once split, a call from a chunk into the main module is an indirect call it
# cannot inline, which made export 54 % slower. At 15 they are inlined at build time:
# export as fast as before the split, for 2.7 KB more first download
# (docs/decisions.md, "Split per module").
cargo rustc "${cargo_profile[@]}" --features split --bin kehu --target wasm32-unknown-unknown -- \
  -C link-arg=--emit-relocs -C llvm-args=-inline-threshold=15
wasm="$target_dir/wasm32-unknown-unknown/$profile/kehu.wasm"

wasm-split-cli "$wasm" "$work/split" --target web --out-name kehu
node scripts/merge-chunks.mjs "$work/split"
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
  --out-dir "$work/glue" --out-name kehu "$work/split/kehu.wasm"
mv "$work/glue/kehu.js" "$work/glue/kehu_bg.wasm" "$work/split/"
rm "$work/split/kehu.wasm"

cd "$work/split"
shopt -s nullglob
chunks=()
for f in *.wasm; do [ "$f" != kehu_bg.wasm ] && chunks+=("$f"); done
if [ "$profile" = release ]; then
  node "$OLDPWD/scripts/opt-wasm.mjs" kehu_bg.wasm "${chunks[@]}"
fi
version=$(cat kehu_bg.wasm "${chunks[@]}" | sha256sum | cut -c1-10)
node "$OLDPWD/scripts/compact-split-loader.mjs" . "$version"
if [ "$profile" = release ]; then
  for f in kehu.js __wasm_split.js; do
    "$OLDPWD/node_modules/.bin/terser" "$f" --module --compress --mangle --output "$f"
  done
fi
cp kehu.js kehu_bg.wasm __wasm_split.js "${chunks[@]/%.wasm/.$version.wasm}" "$out/"
echo "build-wasm: kehu_bg.wasm and ${#chunks[@]} chunks ($profile)"
