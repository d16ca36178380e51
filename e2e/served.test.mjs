// End-to-end: served safely (issue 18, item 9) — the classroom server of the README
// (scripts/serve-dist.mjs) sends the app's Content-Security-Policy with
// frame-ancestors 'none', nosniff and no-referrer on every response, with the right
// content types and the fallback to index.html for deep links; another site cannot
// frame Kehu; the app runs under the header; the README's nginx example sends the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, get } from 'node:http';
import { once } from 'node:events';
import { launch, freshPage, serveDist, until } from './harness.mjs';

let server;
let browser;
before(async () => {
  // `node scripts/serve-dist.mjs dist <port> 127.0.0.1`, as the README says.
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The policy of the built index.html's meta tag, as Chromium's HTML parser reads it. */
async function metaPolicy() {
  const html = await readFile('dist/index.html', 'utf8');
  const page = await browser.newPage();
  const policy = await page.evaluate((text) => new DOMParser().parseFromString(text, 'text/html').querySelector('meta[http-equiv="Content-Security-Policy"]')?.content, html);
  await page.close();
  return policy;
}

/** A GET of `path` exactly as written (fetch would resolve dot segments first). */
function rawGet(path) {
  const { hostname, port } = new URL(server.base);
  return new Promise((resolve, reject) => {
    get({ hostname, port, path }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('every response carries the policy, nosniff and no-referrer, with its content type', async () => {
  const policy = await metaPolicy();
  assert.match(policy, /default-src 'self'/);
  assert.doesNotMatch(policy, /frame-ancestors/, 'a meta tag cannot set frame-ancestors');
  const expected = `${policy.replace(/;\s*$/, '')}; frame-ancestors 'none'`;
  const cases = [
    ['/', 'text/html; charset=utf-8'],
    ['/customers/x', 'text/html; charset=utf-8'], // a deep link: index.html
    ['/customers/x/edit?tab=1', 'text/html; charset=utf-8'],
    ['/kehu_bg.wasm', 'application/wasm'],
    ['/kehu.js', 'text/javascript; charset=utf-8'],
    ['/boot.js', 'text/javascript; charset=utf-8'],
    ['/sw.js', 'text/javascript; charset=utf-8'],
    ['/manifest.webmanifest', 'application/manifest+json'],
    ['/icons/icon-192.png', 'image/png'],
  ];
  const index = await readFile('dist/index.html');
  for (const [path, type] of cases) {
    const res = await fetch(server.base + path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('content-type'), type, path);
    assert.equal(res.headers.get('content-security-policy'), expected, path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
    assert.equal(res.headers.get('cache-control'), 'no-cache', path);
    const body = Buffer.from(await res.arrayBuffer());
    if (type.startsWith('text/html')) assert.ok(body.equals(index), `${path}: index.html`);
  }
  // Refusals carry the headers too.
  for (const [method, path, status] of [['POST', '/', 405], ['GET', '/%E0%A4%A', 400]]) {
    const res = await fetch(server.base + path, { method });
    assert.equal(res.status, status, `${method} ${path}`);
    assert.equal(res.headers.get('content-security-policy'), expected, `${method} ${path}`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${method} ${path}`);
  }
  // A path out of dist/ is never served: index.html instead.
  for (const path of ['/%2e%2e/Cargo.toml', '/..%2fCargo.toml', '/%2e%2e/%2e%2e/etc/passwd']) {
    const res = await rawGet(path);
    assert.equal(res.status, 200, path);
    assert.ok(res.body.equals(index), `${path}: index.html, not a file outside dist/`);
    assert.equal(res.headers['content-security-policy'], expected, path);
  }
  const head = await fetch(server.base + '/kehu_bg.wasm', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-security-policy'), expected);

  // The README's nginx example sends the same headers.
  const readme = await readFile('README.md', 'utf8');
  const nginx = readme.match(/```nginx\n([\s\S]*?)```/)?.[1] ?? '';
  const header = (name) => nginx.match(new RegExp(`add_header ${name} "([^"]*)" always;`))?.[1];
  assert.equal(header('Content-Security-Policy'), expected, 'the nginx example has the policy of index.html');
  assert.equal(header('X-Content-Type-Options'), 'nosniff');
  assert.equal(header('Referrer-Policy'), 'no-referrer');
  assert.match(nginx, /try_files \$uri \/index\.html;/);
});

test('another site cannot frame Kehu, though it can frame a page without the header', async () => {
  // Another site on this machine (Chromium lets only a local page frame a local one):
  // http://localhost:<port>/framer?src=… frames `src`; /plain is a page without headers.
  const framer = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(url.pathname === '/plain' ? '<p id="plain">framed</p>' : `<iframe id="f" src="${url.searchParams.get('src')}"></iframe>`);
  });
  framer.listen(0, '127.0.0.1');
  await once(framer, 'listening');
  const other = `http://localhost:${framer.address().port}`;
  const { context, page, problems } = await freshPage(browser);
  try {
    // The control: a page of another origin without the header is framed.
    await page.goto(`${other}/framer?src=${encodeURIComponent(`http://127.0.0.1:${framer.address().port}/plain`)}`);
    await page.frameLocator('#f').locator('#plain').waitFor();
    // Kehu (a deep link, as a phishing page would frame it) is refused: Chromium puts
    // its error page in the frame instead.
    const kehu = server.base + '/customers/new';
    await page.goto(`${other}/framer?src=${encodeURIComponent(kehu)}`);
    const frame = await (await page.locator('#f').elementHandle()).contentFrame();
    await until(() => frame.url().startsWith('chrome-error://'), { message: 'the frame refused' });
    await until(() => problems.some((p) => p.includes(`Framing '${server.base}/' violates`) && p.includes("frame-ancestors 'none'")), { message: "Chromium's reason: frame-ancestors 'none'" });
    assert.equal(await frame.locator('#update, #fatal, main').count(), 0, 'no part of Kehu in the frame');
    // The same address opened on its own is Kehu.
    await page.goto(kehu);
    await page.getByLabel(/^姓名\/名称/).waitFor();
    assert.deepEqual(problems.filter((p) => !p.includes("frame-ancestors 'none'")), []);
  } finally {
    await context.close();
    framer.close();
  }
});

test('the app runs under the header, and the pages its service worker serves carry it too', async () => {
  const { context, page, problems } = await freshPage(browser);
  const first = await page.goto(server.base + '/customers');
  assert.match(first.headers()['content-security-policy'], /frame-ancestors 'none'/);
  await page.getByRole('link', { name: '新建客户' }).click();
  await page.getByLabel(/^姓名\/名称/).fill('头部客户');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '头部客户' }).waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // Served from the worker's cache now: the stored response keeps the headers.
  const again = await page.goto(server.base + '/customers/deep/link');
  assert.ok(again.fromServiceWorker(), 'served by the service worker');
  assert.match(again.headers()['content-security-policy'], /frame-ancestors 'none'/);
  assert.equal(again.headers()['x-content-type-options'], 'nosniff');
  await page.locator('main h1').first().waitFor();
  // Any CSP violation is a console error, collected in `problems`.
  assert.deepEqual(problems, []);
  await context.close();
});
