#!/usr/bin/env node
// Merges the shared chunks wasm-split writes into a few files (scripts/build-wasm.sh).
//
// wasm-split gives code shared by several split points (but not by the first load) one
// chunk per set of split points sharing it: about 640 chunks, no two for the same set.
// Opening the dashboard fetched and instantiated 115 of them, daily service 270, and
// each file costs the browser about 5 ms however small it is (measured on loopback:
// the dashboard's 115 chunks, 166 KB, took 650 ms; the same merged into one file
// 20 ms; all 640 merged, 2 MB, 80 ms). So chunks are merged where that saves more
// files than it adds bytes, counting a file as worth FILE_KB kilobytes:
//
//   cost = sum over split points of (files it fetches × FILE_KB + kilobytes it fetches)
//
// Greedily, the pair of groups whose merge lowers the cost most is merged, until no
// merge lowers it; what the app loads as it starts is never merged with what it does
// not (AT_START). A split point may then fetch code it does not use, never a file
// twice, and every file is still fetched only when a split point needing it is first
// called.
//
// Every chunk imports only the shared memory, table and globals of the main module
// (module "__wasm_split"), and no chunk imports another, so a group is merged with
// binaryen's wasm-merge. A small module made here re-exports those imports under the
// name "__wasm_split", so that every chunk's imports resolve to one set of imports in
// the merged file; wasm-merge leaves that module's own imports in the output, named
// "__wasm_splix", which is then renamed back to "__wasm_split" in place (same length).
//
// The loader (__wasm_split.js) is rewritten in wasm-split's own format for the merged
// chunks, numbered from 0, for scripts/compact-split-loader.mjs.
//
// Usage: node scripts/merge-chunks.mjs <dir>  (wasm-split's output directory)
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, parseLoader, writeLoader } from './wasm-split-loader.mjs';

/** What one more file to fetch costs, in kilobytes of wasm (see the cost above). */
const FILE_KB = 64;
/**
 * The split points the app calls as it starts, not on a click: reading the rest of the
 * book (src/ui/app.rs), the sync (src/store/sync.rs), a student's class feedback
 * (src/ui/handin.rs). They run while the first page is in use and a module may be
 * opened, so no merge makes them fetch code they do not use.
 */
const AT_START = ['store_rest', 'sync_loop', 'handin_feedback'];
/** The module name every chunk imports the main module's memory, table and globals from. */
const SHARED = '__wasm_split';
/** The stand-in name for SHARED while merging: the same length, so renamed in place. */
const STAND_IN = '__wasm_splix';
/** What the app is compiled with, as in scripts/opt-wasm.mjs. */
const FEATURES = ['mutable-globals', 'nontrapping-float-to-int', 'sign-ext', 'simd', 'bulk-memory', 'bulk-memory-opt', 'reference-types', 'multivalue'];

const dir = process.argv[2];
if (!dir) throw new Error('usage: merge-chunks.mjs <dir>');
const loaderFile = join(dir, '__wasm_split.js');
const { header, chunks, splits } = parseLoader(readFileSync(loaderFile, 'utf8'));
const chunkFile = (n) => join(dir, `chunk_${n}.wasm`);

// ---------------------------------------------------------------- grouping

/** Which split points need something of a group: a bit per split point, 32 per word. */
const words = Math.ceil(splits.length / 32);
const popcount = (x) => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

/** Each chunk's size in KB, as wasm-split wrote it. */
const chunkKb = new Map([...chunks].map((n) => [n, statSync(chunkFile(n)).size / 1024]));
let groups = [...chunks]
  .sort((a, b) => a - b)
  .map((n) => ({ chunks: [n], kb: chunkKb.get(n), needers: new Uint32Array(words) }));
const groupOf = new Map(groups.map((g) => [g.chunks[0], g]));
splits.forEach((s, i) => s.deps.forEach((n) => (groupOf.get(n).needers[i >>> 5] |= 1 << (i & 31))));

const atStart = new Uint32Array(words);
splits.forEach((s, i) => AT_START.includes(s.name) && (atStart[i >>> 5] |= 1 << (i & 31)));
expect(AT_START.every((name) => splits.some((s) => s.name === name)), `a split point of ${AT_START.join(', ')} is gone`);

/** How the cost changes if `a` and `b` become one file; Infinity if they may not. */
function mergeGain(a, b) {
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (let w = 0; w < words; w++) {
    if ((a.needers[w] ^ b.needers[w]) & atStart[w]) return Infinity;
    both += popcount(a.needers[w] & b.needers[w]);
    onlyA += popcount(a.needers[w] & ~b.needers[w]);
    onlyB += popcount(b.needers[w] & ~a.needers[w]);
  }
  return -FILE_KB * both + onlyA * b.kb + onlyB * a.kb;
}

for (;;) {
  let best;
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const gain = mergeGain(groups[i], groups[j]);
      if (gain < 0 && (best === undefined || gain < best.gain)) best = { gain, i, j };
    }
  }
  if (best === undefined) break;
  const [a, b] = [groups[best.i], groups[best.j]];
  const merged = { chunks: [...a.chunks, ...b.chunks].sort((x, y) => x - y), kb: a.kb + b.kb, needers: a.needers.map((w, k) => w | b.needers[k]) };
  groups = groups.filter((g) => g !== a && g !== b).concat(merged);
}
groups.sort((a, b) => a.chunks[0] - b.chunks[0]);

// ---------------------------------------------------------------- wasm, just enough

/** An unsigned LEB128 at `pos`: its value and the position after it. */
function leb(bytes, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, pos];
  }
}

const encodeLeb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
const encodeName = (s) => [...encodeLeb(Buffer.byteLength(s)), ...Buffer.from(s)];

/**
 * The imports of a module: each with its module and field names, its kind (0 function,
 * 1 table, 2 memory, 3 global), its type's bytes, and where its module name's bytes are.
 */
function imports(bytes) {
  expect(bytes.readUInt32LE(0) === 0x6d736100, 'not WebAssembly');
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, start] = leb(bytes, pos + 1);
    if (id === 2) return readImports(bytes, start);
    pos = start + size;
  }
  return [];
}

function readImports(bytes, start) {
  const out = [];
  let [count, pos] = leb(bytes, start);
  const name = () => {
    const [length, at] = leb(bytes, pos);
    pos = at + length;
    return { text: bytes.toString('utf8', at, at + length), at };
  };
  const limits = () => {
    const flags = bytes[pos++];
    [, pos] = leb(bytes, pos);
    if (flags & 1) [, pos] = leb(bytes, pos);
  };
  while (count--) {
    const module = name();
    const field = name();
    const kind = bytes[pos++];
    const typeStart = pos;
    if (kind === 0) [, pos] = leb(bytes, pos);
    else if (kind === 1) {
      pos += 1;
      limits();
    } else if (kind === 2) limits();
    else if (kind === 3) pos += 2;
    else expect(false, `import kind ${kind} is not known here`);
    out.push({ module: module.text, moduleAt: module.at, field: field.text, kind, type: bytes.subarray(typeStart, pos) });
  }
  return out;
}

// Every chunk's imports, one set: the main module's memory, table and globals.
const shared = new Map();
for (const n of chunks) {
  for (const imp of imports(readFileSync(chunkFile(n)))) {
    expect(imp.module === SHARED, `chunk_${n} imports from "${imp.module}"`);
    expect(imp.kind !== 0, `chunk_${n} imports a function (${imp.field}): merging would need to link it`);
    const known = shared.get(imp.field);
    if (known) expect(known.kind === imp.kind && Buffer.compare(known.type, imp.type) === 0, `chunk_${n} imports ${imp.field} with another type`);
    else shared.set(imp.field, imp);
  }
}

/** A module importing the shared things from STAND_IN and exporting them as they are named. */
function standIn() {
  const entries = [...shared.values()];
  const section = (id, body) => [id, ...encodeLeb(body.length), ...body];
  const importBody = [...encodeLeb(entries.length), ...entries.flatMap((e) => [...encodeName(STAND_IN), ...encodeName(e.field), e.kind, ...e.type])];
  const next = [0, 0, 0, 0];
  const exportBody = [...encodeLeb(entries.length), ...entries.flatMap((e) => [...encodeName(e.field), e.kind, ...encodeLeb(next[e.kind]++)])];
  return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...section(2, importBody), ...section(7, exportBody)]);
}

const wasmMerge = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin', 'wasm-merge');
const standInFile = join(dir, 'merge-stand-in.wasm');
writeFileSync(standInFile, standIn());

/** Merges the chunks of `group` into `out`, with one import per shared thing, from SHARED. */
function merge(group, out) {
  const inputs = group.chunks.flatMap((n) => [chunkFile(n), `chunk_${n}`]);
  const run = spawnSync(wasmMerge, [standInFile, SHARED, ...inputs, ...FEATURES.map((f) => `--enable-${f}`), '-o', out], { encoding: 'utf8' });
  // wasm-split's chunks carry a name subsection binaryen does not know: one warning per
  // chunk, said once here.
  const said = run.stderr.split('\n').filter((line) => line && !/^warning: unknown name subsection/.test(line));
  if (said.length) console.error(said.join('\n'));
  expect(run.status === 0, `wasm-merge failed on ${out}`);
  const bytes = readFileSync(out);
  const result = imports(bytes);
  for (const imp of result) {
    expect(imp.module === STAND_IN, `${out}: an import from "${imp.module}" was left after merging`);
    bytes.write(SHARED, imp.moduleAt, 'utf8');
  }
  expect(new Set(result.map((i) => i.field)).size === result.length, `${out}: an import is there twice after merging`);
  writeFileSync(out, bytes);
}

// ---------------------------------------------------------------- output

const merged = groups.map((group, g) => {
  const out = join(dir, `merged_${g}.wasm`);
  if (group.chunks.length === 1) renameSync(chunkFile(group.chunks[0]), out);
  else merge(group, out);
  return out;
});
rmSync(standInFile);
for (const n of chunks) rmSync(chunkFile(n), { force: true });
merged.forEach((file, g) => renameSync(file, chunkFile(g)));

const newNumber = new Map(groups.flatMap((group, g) => group.chunks.map((n) => [n, g])));
const mergedSplits = splits.map((s) => ({ ...s, deps: [...new Set(s.deps.map((n) => newNumber.get(n)))].sort((a, b) => a - b) }));
writeFileSync(loaderFile, writeLoader(header, groups.length, mergedSplits));

const sum = (numbers, kbOf) => Math.round(numbers.reduce((total, n) => total + kbOf(n), 0));
console.log(`merge-chunks: ${chunks.size} chunks → ${groups.length} files (a split point: files, KB before → after)`);
splits.forEach((s, i) => {
  const after = mergedSplits[i].deps;
  console.log(`  ${s.name}: ${s.deps.length} → ${after.length} files, ${sum(s.deps, (n) => chunkKb.get(n))} → ${sum(after, (g) => groups[g].kb)} KB`);
});
