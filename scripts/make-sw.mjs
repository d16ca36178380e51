#!/usr/bin/env node
// Writes the service worker (sw.js) into a build: it precaches every file of the build
// under a cache named for a hash of their contents, so a new deployment is a new
// version (see sw-template.js). Run by Trunk after each build (Trunk.toml).
// Usage: node scripts/make-sw.mjs <build dir>
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: make-sw.mjs <build dir>');

async function files(d) {
  const out = [];
  for (const e of await readdir(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else if (e.name !== 'sw.js') out.push(p);
  }
  return out;
}

const list = (await files(dir)).sort();
const hash = createHash('sha256');
for (const f of list) {
  hash.update(relative(dir, f));
  hash.update(await readFile(f));
}
const version = hash.digest('hex').slice(0, 16);
const assets = ['/', ...list.map((f) => '/' + relative(dir, f).split(sep).join('/'))];
const template = await readFile(new URL('../sw-template.js', import.meta.url), 'utf8');
const sw = template.replace("'__VERSION__'", JSON.stringify(version)).replace("['__ASSETS__']", JSON.stringify(assets));
await writeFile(join(dir, 'sw.js'), sw);
console.log(`sw.js: version ${version}, ${assets.length} files`);
