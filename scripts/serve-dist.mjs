#!/usr/bin/env node
// Serves a built Kehu (dist/) on 127.0.0.1 with no dependency but Node.js.
// Unknown paths fall back to index.html so deep links such as /customers/… reload.
// Usage: node scripts/serve-dist.mjs [dir=dist] [port=8080] [host=127.0.0.1]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const dir = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8080);
const host = process.argv[4] ?? '127.0.0.1';
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};

async function file(path) {
  try {
    const s = await stat(path);
    return s.isFile() ? path : null;
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  let rel;
  try {
    rel = normalize(decodeURIComponent(new URL(req.url, 'http://localhost').pathname)).replace(/^([/\\])+/, '');
  } catch {
    res.writeHead(400);
    res.end('bad request');
    return;
  }
  const wanted = join(dir, rel);
  const path = (wanted.startsWith(dir + sep) && (await file(wanted))) || join(dir, 'index.html');
  try {
    const body = await readFile(path);
    const headers = { 'content-type': types[extname(path)] ?? 'application/octet-stream' };
    // File names carry no hash (see Trunk.toml), so every file is revalidated: after
    // a redeploy no browser mixes old and new files.
    headers['cache-control'] = 'no-cache';
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end('not found');
  }
});
server.listen(port, host, () => console.log(`Kehu is served at http://${host}:${port}/ from ${dir}`));
