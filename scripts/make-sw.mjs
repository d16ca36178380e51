#!/usr/bin/env node
// Writes the service worker (sw.js) into a build: it precaches every file of the build
// under a cache named for a hash of their contents, so a new deployment is a new
// version (see sw-template.js). Run by Trunk after each build (Trunk.toml).
//
// The version is a hash of the worker's template and of every file of the build (with
// boot.js's version line as in the source), so the same build always has the same
// version and any change of a file makes a new one. It is then written into boot.js,
// so a page knows its own version and offers only a worker of another one.
// Usage: node scripts/make-sw.mjs <build dir>
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: make-sw.mjs <build dir>');

// boot.js's version line, as in the source and as written here (so a second run on the
// same build gives the same version).
const BOOT_VERSION = /const VERSION\s*=\s*(['"])(?:__KEHU_VERSION__|[0-9a-f]{16})\1;?/;
const BOOT_SOURCE_LINE = "const VERSION = '__KEHU_VERSION__';";

async function files(d) {
  const out = [];
  for (const e of await readdir(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else if (e.name !== 'sw.js') out.push(p);
  }
  return out;
}

const name = (f) => relative(dir, f).split(sep).join('/');
const list = (await files(dir)).sort();
const template = await readFile(new URL('../sw-template.js', import.meta.url), 'utf8');
const bootPath = join(dir, 'boot.js');
const boot = await readFile(bootPath, 'utf8');
if ((boot.match(new RegExp(BOOT_VERSION, 'g')) ?? []).length !== 1) throw new Error('boot.js: expected exactly one version line');

const hash = createHash('sha256');
hash.update(`sw-template.js\0${template.length}\0`);
hash.update(template);
for (const f of list) {
  const content = f === bootPath ? Buffer.from(boot.replace(BOOT_VERSION, BOOT_SOURCE_LINE)) : await readFile(f);
  hash.update(`${name(f)}\0${content.length}\0`);
  hash.update(content);
}
const version = hash.digest('hex').slice(0, 16);
const assets = ['/', ...list.map((f) => '/' + name(f))];
const sw = template.replace("'__VERSION__'", JSON.stringify(version)).replace("['__ASSETS__']", JSON.stringify(assets));
await writeFile(join(dir, 'sw.js'), sw);
await writeFile(bootPath, boot.replace(BOOT_VERSION, `const VERSION = ${JSON.stringify(version)};`));
console.log(`sw.js: version ${version}, ${assets.length} files`);
