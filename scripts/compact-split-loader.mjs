#!/usr/bin/env node
// Rewrites the chunk loader wasm-split writes (__wasm_split.js) in a compact form and
// names every chunk with the build's version (scripts/build-wasm.sh).
//
// wasm-split writes one loader function per shared chunk and, for each split point, the
// list of every chunk it needs, in long form. That text is part of the first download,
// before the customer list shows. Here each chunk's loader is made on first use from
// its number, and each split point's chunks are written as runs of consecutive numbers;
// what the browser does is the same: the split point's chunks are fetched at once, each
// once, and a failed fetch may be tried again. (Before this step, scripts/merge-chunks.mjs
// has merged the ~640 chunks wasm-split writes into a few dozen.)
//
// Usage: node scripts/compact-split-loader.mjs <dir> <version>
// <dir> holds __wasm_split.js and the chunks, named as wasm-split names them
// (chunk_<n>.wasm, split_<name>.wasm); they are renamed <stem>.<version>.wasm.
import { readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, parseLoader } from './wasm-split-loader.mjs';

const [dir, version] = process.argv.slice(2);
if (!dir || !/^[0-9a-f]+$/.test(version ?? '')) {
  throw new Error('usage: compact-split-loader.mjs <dir> <hex version>');
}
const file = join(dir, '__wasm_split.js');
const text = readFileSync(file, 'utf8');

const { header, chunks, splits } = parseLoader(text);

/** `[3,4,5,9]` → "3+3,9+1": runs of consecutive numbers, start and length. */
function runs(numbers) {
  const out = [];
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const last = out.at(-1);
    if (last && last[0] + last[1] === n) last[1] += 1;
    else out.push([n, 1]);
  }
  return out.map(([start, length]) => `${start}+${length}`).join(',');
}

const body = `const version = ${JSON.stringify(version)};
function fetcher(stem) {
    return () => {
        const src = fetch(new URL(\`./\${stem}.\${version}.wasm\`, import.meta.url));
        src.catch(() => {});
        return async (imports) => WebAssembly.instantiateStreaming(src, imports);
    };
}
const chunkLoads = new Map();
function chunk(n) {
    let load = chunkLoads.get(n);
    if (load === undefined) {
        load = makeLoad(fetcher(\`chunk_\${n}\`), []);
        chunkLoads.set(n, load);
    }
    return load;
}
function chunks(runs) {
    const out = [];
    for (const run of runs.split(",")) {
        const [start, length] = run.split("+").map(Number);
        for (let n = start; n < start + length; n++) out.push(chunk(n));
    }
    return out;
}
function splitPoint(stem, runs) {
    return wrapAsyncCb(makeLoad(fetcher(stem), runs === "" ? [] : chunks(runs)));
}
${splits.map((s) => `export const __wasm_split_load_${s.name} = splitPoint("split_${s.file}", "${runs(s.deps)}");`).join('\n')}
`;
writeFileSync(file, header + body);

// The files, named as the loader now asks for them.
const named = new Set([...[...chunks].map((n) => `chunk_${n}`), ...splits.map((s) => `split_${s.file}`)]);
const files = readdirSync(dir).filter((f) => f.endsWith('.wasm') && f !== 'kehu_bg.wasm');
expect(files.length === named.size, `${files.length} chunk files, ${named.size} named by the loader`);
for (const f of files) {
  const stem = f.slice(0, -'.wasm'.length);
  expect(named.has(stem), `${f} is not named by the loader`);
  renameSync(join(dir, f), join(dir, `${stem}.${version}.wasm`));
}
console.log(`compact-split-loader: ${splits.length} split points, ${chunks.size} chunks, ${text.length} → ${(header + body).length} bytes`);
