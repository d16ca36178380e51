// The chunk loader wasm-split writes (__wasm_split.js), read and written in its own
// format: scripts/merge-chunks.mjs rewrites it for the merged chunks, and
// scripts/compact-split-loader.mjs reads it to write the compact form. One place knows
// the format, and both fail the build on any text it does not recognise.

/** Throws, failing the build, when `condition` is false. */
export function expect(condition, what) {
  if (!condition) throw new Error(`${what} (wasm-split's output changed?)`);
}

/** One shared chunk's loader, as wasm-split writes it. */
const chunkDef = /^const __chunk_(\d+) = makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/chunk_(\d+)\.wasm", import\.meta\.url\)\);\n\s*src\.catch\(\(\) => \{\}\);\n\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\n\}\n, \[\]\);$/gm;
/** One split point's loader, with the chunks it needs. */
const splitDef = /^export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/split_(\w+)\.wasm", import\.meta\.url\)\);\n\s*src\.catch\(\(\) => \{\}\);\n\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\n\}\n, \[([^\]]*)\]\)\);$/gm;

/**
 * Reads a loader: `header` is the helpers before the first chunk's loader (shared
 * imports, callbacks, memoised loading), `chunks` the chunk numbers, `splits` every
 * split point with its file stem's suffix and the chunks it needs.
 */
export function parseLoader(text) {
  const firstChunk = text.search(/^(\/\*.*\*\/\n)?const __chunk_\d+ = /m);
  expect(firstChunk > 0, 'no chunk loader found');
  const header = text.slice(0, firstChunk);
  expect(/function makeLoad\(fetcher, deps\)/.test(header) && /function wrapAsyncCb\(callee\)/.test(header), 'makeLoad or wrapAsyncCb missing');
  const chunks = new Set();
  for (const m of text.matchAll(chunkDef)) {
    expect(m[1] === m[2], `loader __chunk_${m[1]} fetches chunk_${m[2]}`);
    chunks.add(Number(m[1]));
  }
  const splits = [];
  for (const m of text.matchAll(splitDef)) {
    const deps = [...m[3].matchAll(/__chunk_(\d+)/g)].map((d) => Number(d[1]));
    deps.forEach((d) => expect(chunks.has(d), `split point ${m[1]} needs an unknown chunk ${d}`));
    splits.push({ name: m[1], file: m[2], deps });
  }
  // Everything after the header must have been understood: no loader left behind.
  const rest = text.slice(firstChunk).replace(chunkDef, '').replace(splitDef, '').replace(/^\/\*.*\*\/$/gm, '');
  expect(rest.trim() === '', `unexpected text: ${rest.trim().slice(0, 80)}`);
  expect(splits.length > 0, 'no split point found');
  return { header, chunks, splits };
}

const fetcherText = (stem) => `() => {
    const src = fetch(new URL("./${stem}.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
`;

/** The loader text for `header`, the chunks numbered `0..chunkCount` and `splits`, in wasm-split's format. */
export function writeLoader(header, chunkCount, splits) {
  const chunks = Array.from({ length: chunkCount }, (_, n) => `const __chunk_${n} = makeLoad(${fetcherText(`chunk_${n}`)}, []);\n`);
  const points = splits.map(
    (s) => `export const __wasm_split_load_${s.name} = wrapAsyncCb(makeLoad(${fetcherText(`split_${s.file}`)}, [${s.deps.map((d) => `__chunk_${d}`).join(', ')}]));\n`,
  );
  return header + chunks.join('') + points.join('');
}
