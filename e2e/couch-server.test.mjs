// Guards the sync tests' infrastructure (e2e/couch.mjs): the PouchDB Server they start
// behaves like the CouchDB that docs/sync.md sets up — it starts on a free loopback
// port; `_security` members (names and roles) are enforced for basic auth and
// `_session` cookies; the class databases' `validate_doc_update`, copied from
// docs/sync.md, is enforced; killed hard in the middle of a write and restarted, it
// keeps every committed document and its users; and a page on another loopback port,
// under Kehu's own Content-Security-Policy, passes CORS with `Authorization` and
// credentials while the policy still refuses plain-http servers elsewhere, and with CORS
// switched off a no-cors probe still tells the server is there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { once } from 'node:events';
import { startCouch } from './couch.mjs';
import { launch, freePort } from './harness.mjs';

const ALICE = ['alice', 'alice-pw'];
const BOB = ['bob', 'bob-pw'];
const CAROL = ['carol', 'carol-pw'];

/** A shop database `shop` readable by alice (by name) and carol (by role `staff`), not by bob. */
async function shop(couch) {
  await couch.admin('admin', 'admin-pw');
  await couch.createUser(...ALICE);
  await couch.createUser(...BOB);
  await couch.createUser(...CAROL, ['staff']);
  await couch.createDb('shop');
  await couch.setSecurity('shop', { admins: { names: [], roles: [] }, members: { names: ['alice'], roles: ['staff'] } });
}

/** The in-memory server the tests share, with the shop of `shop()`. */
let memory;
before(async () => {
  memory = await startCouch();
  await shop(memory);
});
after(async () => {
  await memory?.stop();
});

test('in memory: starts on a free loopback port and enforces _security for basic auth and cookies', { timeout: 15_000 }, async () => {
  assert.match(memory.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal((await memory.fetchJson('/')).body['express-pouchdb'], 'Welcome!');
  // Documented setup: anonymous, a non-member and a wrong password are all refused.
  assert.equal((await memory.fetchJson('/shop')).status, 401);
  assert.equal((await memory.fetchJson('/shop', { auth: BOB })).status, 401);
  assert.equal((await memory.fetchJson('/shop', { auth: ['alice', 'wrong'] })).status, 401);
  assert.equal((await memory.fetchJson('/shop/x', { method: 'PUT', body: { n: 1 }, auth: BOB })).status, 401);
  // Members by name and by role read and write.
  assert.equal((await memory.fetchJson('/shop/x', { method: 'PUT', body: { n: 1 }, auth: ALICE })).status, 201);
  assert.equal((await memory.fetchJson('/shop/x', { auth: CAROL })).body.n, 1);
  // A `_session` cookie is the same user.
  const cookie = await memory.login(...ALICE);
  assert.match(cookie, /^AuthSession=./);
  assert.equal((await memory.fetchJson('/_session', { cookie })).body.userCtx.name, 'alice');
  assert.equal((await memory.fetchJson('/shop/x', { cookie })).body.n, 1);
  assert.equal((await memory.fetchJson('/shop/x', { cookie: 'AuthSession=forged' })).status, 401);
  assert.equal((await memory.fetchJson('/shop/x', { cookie: await memory.login(...BOB) })).status, 401);
});

/** The `validate_doc_update` function of docs/sync.md, exactly as an instructor copies it. */
async function documentedValidation() {
  const doc = await readFile(new URL('../docs/sync.md', import.meta.url), 'utf8');
  const block = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code.startsWith('function (newDoc, oldDoc, userCtx, secObj)'));
  assert.ok(block, 'docs/sync.md has the validate_doc_update function in a ```js block');
  return block;
}

test("a class database: the docs' validate_doc_update lets the student write only handin, only the instructor feedback", { timeout: 15_000 }, async () => {
  const couch = memory;
  await couch.createUser('kehu-c1-s01', 's01-code');
  await couch.createUser('kehu-c1-s02', 's02-code');
  await couch.createUser('teacher', 'teacher-pw');
  const db = '/kehu-class-c1-s01';
  await couch.createDb('kehu-class-c1-s01');
  await couch.setSecurity('kehu-class-c1-s01', { admins: { names: ['teacher'], roles: [] }, members: { names: ['kehu-c1-s01'], roles: [] } });
  const student = ['kehu-c1-s01', 's01-code'];
  const other = ['kehu-c1-s02', 's02-code'];
  const teacher = ['teacher', 'teacher-pw'];
  // Only a database admin may install the design document.
  const ddoc = { validate_doc_update: await documentedValidation() };
  assert.equal((await couch.fetchJson(`${db}/_design/kehu`, { method: 'PUT', body: ddoc, auth: student })).status, 401);
  assert.equal((await couch.fetchJson(`${db}/_design/kehu`, { method: 'PUT', body: ddoc, auth: teacher })).status, 201);

  const handin = await couch.fetchJson(`${db}/handin`, { method: 'PUT', body: { kehu: 'handin' }, auth: student });
  assert.equal(handin.status, 201);
  const again = await couch.fetchJson(`${db}/handin`, { method: 'PUT', body: { kehu: 'handin', _rev: handin.body.rev }, auth: student });
  assert.equal(again.status, 201, 'a new hand-in replaces the earlier one');
  const forged = await couch.fetchJson(`${db}/feedback`, { method: 'PUT', body: { kehu: 'feedback' }, auth: student });
  assert.equal(forged.status, 403);
  assert.equal(forged.body.error, 'forbidden');
  assert.equal((await couch.fetchJson(`${db}/notes`, { method: 'PUT', body: {}, auth: student })).status, 403);
  // _bulk_docs goes through the same function.
  const bulk = await couch.fetchJson(`${db}/_bulk_docs`, { method: 'POST', body: { docs: [{ _id: 'feedback' }, { _id: 'x' }] }, auth: student });
  assert.deepEqual(bulk.body.map((r) => r.error), ['forbidden', 'forbidden']);

  assert.equal((await couch.fetchJson(`${db}/feedback`, { method: 'PUT', body: { kehu: 'feedback' }, auth: teacher })).status, 201);
  assert.equal((await couch.fetchJson(`${db}/notes`, { method: 'PUT', body: {}, auth: teacher })).status, 403, 'nothing else, not even by the instructor');
  assert.equal((await couch.fetchJson(`${db}/feedback`, { auth: student })).body.kehu, 'feedback');
  assert.equal((await couch.fetchJson(`${db}/handin`, { auth: teacher })).body.kehu, 'handin');
  // Another student reads nothing of it.
  assert.equal((await couch.fetchJson(`${db}/handin`, { auth: other })).status, 401);
  assert.equal((await couch.fetchJson(`${db}/_all_docs`, { auth: other })).status, 401);
});

/** POSTs `body` to the server and SIGKILLs it the moment the request is fully sent; resolves with the client's error. */
function killMidRequest(couch, path, body, auth) {
  const url = new URL(couch.url + path);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Basic ${Buffer.from(auth.join(':')).toString('base64')}` },
      },
      (res) => reject(new Error(`the server answered ${res.statusCode} before it was killed`)),
    );
    req.on('error', resolve);
    req.on('finish', () => couch.kill());
    req.end(payload);
  });
}

test('on disk: killed hard in the middle of a write and restarted on the same port, it keeps every committed document and its users', { timeout: 20_000 }, async () => {
  const couch = await startCouch({ inMemory: false });
  await shop(couch);
  const committed = Array.from({ length: 300 }, (_, i) => ({ _id: `customers:${String(i).padStart(4, '0')}`, kehu: 'record', n: i }));
  const saved = await couch.fetchJson('/shop/_bulk_docs', { method: 'POST', body: { docs: committed }, auth: ALICE });
  assert.equal(saved.status, 201);
  const revs = Object.fromEntries(saved.body.map((r) => [r.id, r.rev]));

  const inFlight = Array.from({ length: 5000 }, (_, i) => ({ _id: `orders:${String(i).padStart(5, '0')}`, kehu: 'record', n: i }));
  const error = await killMidRequest(couch, '/shop/_bulk_docs', { docs: inFlight }, ALICE);
  assert.match(error.code ?? error.message, /ECONNRESET|socket hang up/);
  const port = couch.port;
  await couch.restart();
  assert.equal(couch.port, port);

  // The users, the admin and _security came back; so did every committed revision.
  assert.equal((await couch.fetchJson('/shop', { auth: BOB })).status, 401);
  const all = await couch.fetchJson('/shop/_all_docs?startkey="customers:"&endkey="customers:\uffff"', { auth: ALICE });
  assert.equal(all.status, 200);
  assert.deepEqual(Object.fromEntries(all.body.rows.map((r) => [r.id, r.value.rev])), revs);
  // The cut-off batch is either all there or partly; sending it again completes it.
  const resent = await couch.fetchJson('/shop/_all_docs?startkey="orders:"&endkey="orders:\uffff"', { auth: ALICE });
  const have = new Set(resent.body.rows.map((r) => r.id));
  const rest = inFlight.filter((d) => !have.has(d._id));
  if (rest.length > 0) assert.equal((await couch.fetchJson('/shop/_bulk_docs', { method: 'POST', body: { docs: rest }, auth: ALICE })).status, 201);
  assert.equal((await couch.fetchJson('/shop', { auth: ALICE })).body.doc_count, 5300);
  await couch.stop();
});

test("CORS: a page on another loopback port, under Kehu's CSP, reads with Authorization and with a cookie; the CSP refuses plain http elsewhere", { timeout: 20_000 }, async () => {
  const couch = memory;
  const appPort = await freePort();
  const origin = `http://127.0.0.1:${appPort}`;

  // The preflight a browser sends for an authenticated JSON request.
  const pre = await fetch(`${couch.url}/shop/_changes?since=0`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization, content-type' },
  });
  assert.ok(pre.status < 300, `preflight answered ${pre.status}`);
  assert.equal(pre.headers.get('access-control-allow-origin'), origin);
  assert.equal(pre.headers.get('access-control-allow-credentials'), 'true');
  assert.match(pre.headers.get('access-control-allow-headers'), /authorization/i);

  // The documented CouchDB setting: only Kehu's origin; then another origin gets no CORS.
  await couch.config('cors', 'origins', origin);
  const stranger = await fetch(`${couch.url}/shop`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:1', 'access-control-request-method': 'GET' } });
  assert.equal(stranger.headers.get('access-control-allow-origin'), null);

  const html = await readFile(new URL('../index.html', import.meta.url), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy"[^>]*>/)[0];
  const app = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head>${meta}</head><body>test page</body></html>`);
  });
  app.listen(appPort, '127.0.0.1');
  await once(app, 'listening');
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    const result = await page.evaluate(
      async ({ couchUrl, couchPort }) => {
        const violations = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.blockedURI));
        const attempt = async (url, init) => {
          try {
            const res = await fetch(url, init);
            return res.status;
          } catch (e) {
            return e.name;
          }
        };
        const out = {};
        out.basic = await attempt(`${couchUrl}/shop`, { headers: { authorization: `Basic ${btoa('alice:alice-pw')}`, accept: 'application/json' }, credentials: 'include' });
        out.anonymous = await attempt(`${couchUrl}/shop`, { credentials: 'include' });
        out.login = await attempt(`${couchUrl}/_session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'alice', password: 'alice-pw' }), credentials: 'include' });
        out.cookie = await attempt(`${couchUrl}/shop`, { credentials: 'include' });
        out.localhost = await attempt(`http://localhost:${couchPort}/`);
        out.plainHttpElsewhere = await attempt('http://example.com/');
        out.httpsElsewhere = await attempt('https://127.0.0.1:1/');
        // Violation events are queued as tasks: wait for the one expected.
        for (let i = 0; i < 200 && violations.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
        out.violations = violations;
        return out;
      },
      { couchUrl: couch.url, couchPort: couch.port },
    );
    assert.equal(result.basic, 200, 'basic auth across origins');
    assert.equal(result.anonymous, 401);
    assert.equal(result.login, 200);
    assert.equal(result.cookie, 200, 'the _session cookie goes with credentials: include');
    assert.equal(result.localhost, 200, 'http://localhost:* is allowed too');
    assert.equal(result.plainHttpElsewhere, 'TypeError');
    assert.equal(result.httpsElsewhere, 'TypeError');
    // Only the plain-http server elsewhere was refused by the policy; the others were network/CORS failures.
    assert.deepEqual(result.violations, ['http://example.com/']);

    // CORS switched off: the request fails like an unreachable server, but a no-cors
    // probe still gets an (opaque) answer — how "CORS not enabled" can be told apart.
    await couch.config('httpd', 'enable_cors', 'false');
    const closed = await freePort();
    const off = await page.evaluate(
      async ({ couchUrl, closedUrl }) => {
        const attempt = (url, init) => fetch(url, init).then((r) => r.type, (e) => e.name);
        const auth = { headers: { authorization: `Basic ${btoa('alice:alice-pw')}` } };
        return {
          // A URL not asked before: Chromium caches a passed preflight for 5 s per URL.
          cors: await attempt(`${couchUrl}/shop/_all_docs`, auth),
          probe: await attempt(`${couchUrl}/`, { mode: 'no-cors' }),
          downProbe: await attempt(`${closedUrl}/`, { mode: 'no-cors' }),
        };
      },
      { couchUrl: couch.url, closedUrl: `http://127.0.0.1:${closed}` },
    );
    assert.deepEqual(off, { cors: 'TypeError', probe: 'opaque', downProbe: 'TypeError' });
  } finally {
    await browser.close();
    app.close();
  }
});
