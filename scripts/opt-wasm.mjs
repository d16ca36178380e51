#!/usr/bin/env node
// wasm-opt -Oz on every WebAssembly module given, in one process: binaryen from npm
// (pinned in package.json) is itself WebAssembly, and starting its command-line tool
// costs about a second per module, which for the ~600 chunks of a split build
// (scripts/build-wasm.sh) was most of the build.
// Usage: node scripts/opt-wasm.mjs <file.wasm>...
import { readFileSync, writeFileSync } from 'node:fs';
import binaryen from 'binaryen';

// What the app is compiled with (rustc's defaults for wasm32-unknown-unknown and the
// +simd128 of .cargo/config.toml); nothing newer, so the optimizer adds no instruction
// a supported browser lacks.
const F = binaryen.Features;
const features = F.MVP | F.MutableGlobals | F.NontrappingFPToInt | F.SignExt | F.SIMD128 | F.BulkMemory | F.BulkMemoryOpt | F.ReferenceTypes | F.Multivalue;

binaryen.setOptimizeLevel(2);
binaryen.setShrinkLevel(2);
// KEHU_WASM_NAMES=1 keeps the functions' names, for a profile that names them.
binaryen.setDebugInfo(process.env.KEHU_WASM_NAMES === '1');
let before = 0;
let after = 0;
for (const file of process.argv.slice(2)) {
  const input = readFileSync(file);
  const module = binaryen.readBinary(input);
  module.setFeatures(features);
  if (!module.validate()) throw new Error(`${file}: not valid before optimizing`);
  module.optimize();
  const output = module.emitBinary();
  module.dispose();
  writeFileSync(file, output);
  before += input.length;
  after += output.length;
}
console.log(`opt-wasm: ${process.argv.length - 2} modules, ${before} → ${after} bytes`);
