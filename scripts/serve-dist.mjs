#!/usr/bin/env node
// Serves a built Kehu (dist/) on 127.0.0.1 with no dependency but Node.js.
// Unknown paths fall back to index.html so deep links such as /customers/… reload.
// Every response carries the app's Content-Security-Policy — read from the
// <meta http-equiv="Content-Security-Policy"> of the build's own index.html, so the two
// cannot drift — plus what a meta tag cannot say: frame-ancestors 'none' (no other site
// may frame Kehu); and X-Content-Type-Options: nosniff and Referrer-Policy: no-referrer.
// The README's nginx example sends the same headers (e2e/served.test.mjs checks both).
// Usage: node scripts/serve-dist.mjs [dir=dist] [port=8080] [host=127.0.0.1]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const dir = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8080);
const host = process.argv[4] ?? '127.0.0.1';
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content of the first <meta http-equiv="Content-Security-Policy"> of `html`. */
function metaCsp(html) {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = {};
    for (const m of tag.matchAll(/([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
      attrs[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4];
    }
    if (attrs['http-equiv']?.toLowerCase() === 'content-security-policy' && attrs.content) {
      return attrs.content
        .replace(/&#0*39;|&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .trim();
    }
  }
  return null;
}

/** The security headers for a build whose index.html is `html`. */
function securityHeaders(html) {
  const csp = metaCsp(html);
  if (!csp) throw new Error('index.html has no <meta http-equiv="Content-Security-Policy">');
  return {
    'content-security-policy': `${csp.replace(/;\s*$/, '')}; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

async function file(path) {
  try {
    const s = await stat(path);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

// The headers follow index.html: read again whenever it changes (a redeploy).
const index = join(dir, 'index.html');
let security = { mtime: -1, headers: null };
async function currentSecurity() {
  const s = await file(index);
  if (s && s.mtimeMs !== security.mtime) {
    try {
      security = { mtime: s.mtimeMs, headers: securityHeaders(await readFile(index, 'utf8')) };
    } catch (e) {
      if (!security.headers) throw e;
      // Half-copied index.html during a redeploy: keep the last good policy.
    }
  }
  if (!security.headers) throw new Error(`no ${index}`);
  return security.headers;
}

try {
  await currentSecurity();
} catch (e) {
  console.error(`serve-dist: ${e.message} (is ${dir} a Kehu build?)`);
  process.exit(1);
}

const server = createServer(async (req, res) => {
  const headers = { ...(await currentSecurity()) };
  const fail = (status, text, extra = {}) => {
    res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', ...extra });
    res.end(text);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'method not allowed', { allow: 'GET, HEAD' });
  let rel;
  try {
    rel = normalize(decodeURIComponent(new URL(req.url, 'http://localhost').pathname)).replace(/^([/\\])+/, '');
  } catch {
    return fail(400, 'bad request');
  }
  const wanted = join(dir, rel);
  const path = (wanted.startsWith(dir + sep) && (await file(wanted)) && wanted) || index;
  try {
    const body = await readFile(path);
    headers['content-type'] = types[extname(path)] ?? 'application/octet-stream';
    // File names carry no hash (see Trunk.toml), so every file is revalidated: after
    // a redeploy no browser mixes old and new files.
    headers['cache-control'] = 'no-cache';
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    fail(404, 'not found');
  }
});
server.listen(port, host, () => console.log(`Kehu is served at http://${host}:${port}/ from ${dir}`));
