// End-to-end: a book synced through a real CouchDB-compatible server (PouchDB Server,
// e2e/couch.mjs), two browser contexts as two devices (issue 22).
import { test, before, after } from 'node:test';
import { createServer } from 'node:http';
import { once } from 'node:events';
import assert from 'node:assert/strict';
import { appUnderTest, exportWorkbook, importFile, addCustomer, until } from './harness.mjs';
import { startCouch } from './couch.mjs';

const { open, base } = appUnderTest({ before, after });
// The browser logs every failed request to the sync server on the console (a server
// killed, a database not there yet before it is created): the app's own errors are
// what the tests check.
const appProblems = (problems) => problems.filter((p) => !p.includes('Failed to load resource'));
let couch;
before(async () => {
  couch = await startCouch({ inMemory: false });
  await couch.admin('owner', 'tea-2026');
});
after(async () => {
  await couch?.stop();
});

/** Connects the book of `page` to database `db` on the test server. */
async function connect(page, db, { user = 'owner', password = 'tea-2026', server = couch.url } = {}) {
  await page.getByRole('link', { name: /^(工作簿|Workbook)$/ }).click();
  const card = page.getByTestId('sync-card');
  await card.getByLabel('服务器地址').fill(server);
  await card.getByLabel('数据库名').fill(db);
  await card.getByLabel('用户名').fill(user);
  await card.getByLabel('密码', { exact: true }).fill(password);
  await card.getByRole('button', { name: '连接并同步' }).click();
}

/** Waits until the header says the book is synced. */
async function synced(page, timeout = 60_000) {
  await page.getByTestId('sync-badge').getByTestId('sync-phase').filter({ hasText: /^已同步$/ }).waitFor({ timeout });
}

/** The customers' names in the list, sorted. */
async function customerNames(page) {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '客户档案' }).click();
  await page.locator('main h1').first().waitFor();
  return (await page.getByRole('grid', { name: '客户列表' }).locator('a[href^="/customers/"]').allTextContents()).sort();
}

async function untilNames(page, expected) {
  return until(async () => {
    const names = await customerNames(page);
    return JSON.stringify(names) === JSON.stringify([...expected].sort()) && names;
  }, { timeout: 30_000, message: `customers ${expected.join(', ')}` });
}

test('a wrong password, plain http to another host and a missing database are said plainly, nothing connects', async () => {
  const { page, context } = await open('/workbook');
  await connect(page, 'shop-wrong', { password: 'nope' });
  await page.getByTestId('sync-connect-error').getByText('用户名或密码不对。').waitFor();
  await connect(page, 'shop-wrong', { server: 'http://couch.example.com' });
  await page.getByTestId('sync-connect-error').getByText(/必须以 https:\/\/ 开头/).waitFor();
  // A user who may not create databases, pointed at one that does not exist.
  await couch.createUser('clerk', 'clerk-pw');
  await connect(page, 'no-such-db', { user: 'clerk', password: 'clerk-pw' });
  await page.getByTestId('sync-connect-error').getByText(/没有数据库 no-such-db/).waitFor();
  // The app's own static server: an answer, but not CouchDB's.
  await connect(page, 'shop', { server: base() });
  await page.getByTestId('sync-connect-error').getByText(/不是 CouchDB 服务器/).waitFor();
  assert.equal(await page.getByTestId('sync-badge').count(), 0, 'sync stays off');
  await context.close();
});

test('two devices: edits on each arrive on the other, a deletion stays deleted, bad documents are skipped and listed', async () => {
  const a = await open('/');
  const b = await open('/');
  await addCustomer(a.page, '赵丽');
  await connect(a.page, 'shop');
  await synced(a.page);
  await connect(b.page, 'shop');
  await synced(b.page);
  await untilNames(b.page, ['赵丽']);

  // B adds and edits; A sees both without reloading (the changes feed).
  await addCustomer(b.page, '钱伟', '13800138000');
  await untilNames(a.page, ['赵丽', '钱伟']);
  await a.page.getByRole('link', { name: '赵丽' }).click();
  await a.page.getByRole('link', { name: '编辑' }).click();
  await a.page.getByLabel(/^姓名\/名称/).fill('赵丽（会员）');
  await a.page.getByRole('button', { name: '保存', exact: true }).click();
  await a.page.getByRole('heading', { name: '赵丽（会员）' }).waitFor();
  await untilNames(b.page, ['赵丽（会员）', '钱伟']);

  // The server holds a conflict branch of 赵丽 (as a replication from elsewhere writes
  // one): settled by the same rule, the newer branch kept, the other listed.
  const admin = { Authorization: `Basic ${Buffer.from('owner:tea-2026').toString('base64')}`, 'Content-Type': 'application/json' };
  const docOf = (name) => until(async () => {
    const r = await fetch(`${couch.url}/shop/_all_docs?include_docs=true`, { headers: admin }).then((r) => r.json());
    return r.rows.find((row) => row.doc?.record?.name === name);
  }, { message: `the document of ${name}` });
  const zhao = await docOf('赵丽（会员）');
  const branch = { ...zhao.doc, _rev: '1-ffffffffffffffffffffffffffffffff', record: { ...zhao.doc.record, name: '赵丽（分支）', updated_at: new Date().toISOString() } };
  const injected = await fetch(`${couch.url}/shop/_bulk_docs`, { method: 'POST', headers: admin, body: JSON.stringify({ docs: [branch], new_edits: false }) });
  assert.equal(injected.status, 201);
  await untilNames(a.page, ['赵丽（分支）', '钱伟']);
  await untilNames(b.page, ['赵丽（分支）', '钱伟']);
  await until(async () => {
    const d = await fetch(`${couch.url}/shop/${encodeURIComponent(zhao.id)}?conflicts=true`, { headers: admin }).then((r) => r.json());
    return d.record.name === '赵丽（分支）' && !d._conflicts;
  }, { message: 'the branch settled on the server' });

  // A deletes 钱伟: gone on B too, in B's trash, and still gone after B reloads.
  await a.page.getByRole('link', { name: '钱伟' }).click();
  await a.page.getByRole('button', { name: '移到回收站' }).click();
  await untilNames(b.page, ['赵丽（分支）']);
  await b.page.reload();
  await synced(b.page);
  await untilNames(b.page, ['赵丽（分支）']);
  await b.page.getByRole('link', { name: '回收站' }).click();
  await b.page.getByText('钱伟').first().waitFor();
  // B restores 钱伟 from the trash: back on A, and in A's second tab (same browser, the
  // change reaches it through the book, not the server).
  const aTab2 = await a.context.newPage();
  await aTab2.goto(new URL('/customers', a.page.url()).href);
  await b.page.getByRole('button', { name: '恢复 钱伟' }).click();
  await untilNames(a.page, ['赵丽（分支）', '钱伟']);
  await untilNames(aTab2, ['赵丽（分支）', '钱伟']);
  await aTab2.close();
  await a.page.getByRole('link', { name: '钱伟' }).click();
  await a.page.getByRole('button', { name: '移到回收站' }).click();
  await b.page.getByRole('link', { name: '回收站' }).click();
  await b.page.getByRole('button', { name: '恢复 钱伟' }).waitFor({ timeout: 30_000 });
  // A empties its trash: deleted forever on B too (a tombstone).
  await a.page.getByRole('link', { name: '回收站' }).click();
  await a.page.getByRole('button', { name: '清空回收站' }).click();
  await a.page.getByRole('dialog').getByRole('button', { name: '永久删除' }).click();
  await a.page.getByText('回收站是空的。').waitFor();
  await b.page.getByText('回收站是空的。').waitFor({ timeout: 30_000 });

  // Another program writes junk into the database: listed, nothing overwritten.
  const customers = await docOf('赵丽（分支）');
  const id = customers.id;
  const junk = { ...customers.doc, record: { ...customers.doc.record, email: 'not an e-mail', name: '被篡改' } };
  assert.equal((await fetch(`${couch.url}/shop/${encodeURIComponent(id)}`, { method: 'PUT', headers: admin, body: JSON.stringify(junk) })).status, 201);
  assert.equal((await fetch(`${couch.url}/shop/hello`, { method: 'PUT', headers: admin, body: '{"greeting":"hi"}' })).status, 201);
  const skipped = a.page.getByTestId('sync-bad');
  await a.page.getByRole('link', { name: '工作簿' }).click();
  await skipped.getByText(id).waitFor({ timeout: 30_000 });
  await skipped.getByText('hello').waitFor();
  await untilNames(a.page, ['赵丽（分支）']);
  assert.deepEqual(appProblems(a.problems), []);
  assert.deepEqual(appProblems(b.problems), []);
  await a.context.close();
  await b.context.close();
});

test('offline edits on both devices: every edit arrives, the conflict is listed with both versions and the newer kept', async () => {
  const a = await open('/');
  const b = await open('/');
  await addCustomer(a.page, '孙芳');
  await connect(a.page, 'offline');
  await synced(a.page);
  await connect(b.page, 'offline');
  await synced(b.page);
  await untilNames(b.page, ['孙芳']);

  await a.context.setOffline(true);
  await b.context.setOffline(true);
  // Each adds its own customer and both edit 孙芳, B later than A.
  await addCustomer(a.page, '周强', '13900139000');
  await a.page.getByRole('link', { name: '客户档案' }).click();
  await a.page.getByRole('link', { name: '孙芳' }).click();
  await a.page.getByRole('link', { name: '编辑' }).click();
  await a.page.getByLabel(/^姓名\/名称/).fill('孙芳（A）');
  await a.page.getByRole('button', { name: '保存', exact: true }).click();
  await a.page.getByRole('heading', { name: '孙芳（A）' }).waitFor();
  await a.page.getByTestId('sync-phase').filter({ hasText: /^离线（\d+ 条待发送）$/ }).waitFor({ timeout: 30_000 });

  await addCustomer(b.page, '吴静', '13600136000');
  await b.page.getByRole('link', { name: '客户档案' }).click();
  await b.page.getByRole('link', { name: '孙芳' }).click();
  await b.page.getByRole('link', { name: '编辑' }).click();
  await b.page.getByLabel(/^姓名\/名称/).fill('孙芳（B）');
  await b.page.getByRole('button', { name: '保存', exact: true }).click();
  await b.page.getByRole('heading', { name: '孙芳（B）' }).waitFor();

  await a.context.setOffline(false);
  await synced(a.page);
  await b.context.setOffline(false);
  await synced(b.page);
  const expected = ['孙芳（B）', '周强', '吴静'];
  await untilNames(a.page, expected);
  await untilNames(b.page, expected);

  // B pushed second: its edit is the newer, so it is kept, and A's is listed there.
  await b.page.getByRole('link', { name: '工作簿' }).click();
  const conflict = b.page.getByTestId('sync-conflict').filter({ hasText: '孙芳' });
  await conflict.waitFor();
  const row = conflict.locator('tr.differs').filter({ hasText: 'name' });
  assert.equal(await row.getByTestId('sync-kept').textContent(), '孙芳（B）');
  assert.equal(await row.getByTestId('sync-other').textContent(), '孙芳（A）');
  // One click puts A's version back, and it travels to A.
  await conflict.getByRole('button', { name: '恢复另一版本' }).click();
  await untilNames(b.page, ['孙芳（A）', '周强', '吴静']);
  await untilNames(a.page, ['孙芳（A）', '周强', '吴静']);
  assert.deepEqual(appProblems(a.problems), []);
  assert.deepEqual(appProblems(b.problems), []);
  await a.context.close();
  await b.context.close();
});

/** A workbook of `n` customers with two orders each. */
function bigBook(n) {
  const at = '2026-05-01T08:00:00Z';
  const customers = [];
  const orders = [];
  for (let i = 0; i < n; i++) {
    const id = `c${String(i).padStart(5, '0')}`;
    customers.push({ id, name: `客户${i}`, phone: `139${String(10000000 + i)}`, created_at: at, updated_at: at });
    for (let k = 0; k < 2; k++) {
      orders.push({ id: `o${i}-${k}`, customer_id: id, date: '2026-04-0' + (k + 1), amount: 100 + k, created_at: at, updated_at: at });
    }
  }
  return JSON.stringify({ format: 'kehu-workbook', version: 6, exported_at: at, app_version: '0.1.0', collections: { customers, orders } });
}

test('the server killed in the middle of a first sync of 2,000 customers: the sync resumes, nothing sent twice, both devices end the same', async () => {
  const a = await open('/workbook');
  await importFile(a.page, 'big.kehu.json', bigBook(2000));
  await a.page.getByRole('status').getByText(/合并完成: 6000 新增/).waitFor({ timeout: 60_000 });
  let sentDocs = 0;
  a.page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/_bulk_docs')) sentDocs += JSON.parse(r.postData()).docs.length;
  });
  const admin = { Authorization: `Basic ${Buffer.from('owner:tea-2026').toString('base64')}` };
  const count = async () => {
    try {
      return (await fetch(`${couch.url}/big`, { headers: admin }).then((r) => r.json())).doc_count ?? 0;
    } catch {
      return -1;
    }
  };
  await connect(a.page, 'big');
  await a.page.getByTestId('sync-progress').waitFor();
  await until(async () => (await count()) > 0, { interval: 10, message: 'the first documents on the server' });
  await couch.kill();
  await a.page.getByTestId('sync-phase').filter({ hasText: /^离线（\d+ 条待发送）$/ }).waitFor({ timeout: 30_000 });
  await couch.restart();
  await synced(a.page, 120_000);
  assert.equal(await count(), 6000);
  assert.ok(sentDocs < 6000 + 1000, `sent ${sentDocs} documents for 6000`);

  // A second device fills an empty browser from the server.
  const b = await open('/workbook');
  await connect(b.page, 'big');
  await synced(b.page, 120_000);
  const sorted = (json) => {
    const c = json.collections;
    return { customers: [...c.customers].sort((x, y) => x.id.localeCompare(y.id)), orders: [...c.orders].sort((x, y) => x.id.localeCompare(y.id)) };
  };
  const fromA = sorted((await exportWorkbook(a.page)).json);
  const fromB = sorted((await exportWorkbook(b.page)).json);
  assert.equal(fromB.customers.length, 2000);
  assert.equal(fromB.orders.length, 4000);
  assert.deepEqual(fromB, fromA);
  assert.deepEqual(appProblems(a.problems), []);
  assert.deepEqual(appProblems(b.problems), []);
  await a.context.close();
  await b.context.close();
});

test('a server that answers with garbage: the card says so, nothing crashes, the book is untouched', async () => {
  // Looks like CouchDB at the door, then answers the changes feed with junk.
  const garbage = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Allow-Headers', 'accept, authorization, content-type');
    res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, DELETE');
    if (req.method === 'OPTIONS') return res.end();
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/') return res.end('{"couchdb":"Welcome","version":"3.3.3"}');
    if (req.url === '/_session') return res.end('{"ok":true,"userCtx":{"name":null,"roles":["_admin"]}}');
    if (req.url === '/junk') return res.end('{"db_name":"junk"}');
    res.end('{"results": [ {"id": 5, "doc": ');
  });
  garbage.listen(0, '127.0.0.1');
  await once(garbage, 'listening');
  const { page, context, problems } = await open('/');
  await addCustomer(page, '郑敏');
  await connect(page, 'junk', { server: `http://127.0.0.1:${garbage.address().port}`, user: '', password: '' });
  await page.getByTestId('sync-phase').filter({ hasText: /^同步出错$/ }).waitFor({ timeout: 30_000 });
  await page.getByTestId('sync-error').getByText(/服务器的回答无法读取/).waitFor();
  assert.deepEqual(await customerNames(page), ['郑敏']);
  assert.deepEqual(appProblems(problems), []);
  await context.close();
  garbage.close();
});

test('an order whose customer has not arrived waits, listed, and goes in with its customer', async () => {
  const { page, context, problems } = await open('/');
  await connect(page, 'waiting');
  await synced(page);
  const headers = { Authorization: `Basic ${Buffer.from('owner:tea-2026').toString('base64')}`, 'Content-Type': 'application/json' };
  const at = new Date().toISOString();
  const put = (id, collection, record) =>
    fetch(`${couch.url}/waiting/${encodeURIComponent(id)}`, { method: 'PUT', headers, body: JSON.stringify({ kehu: 'record', collection, record }) });
  // Another device's order arrives before its customer (the customer was edited later,
  // so it comes later in the changes feed).
  assert.equal((await put('orders:o-w1', 'orders', { id: 'o-w1', customer_id: 'c-w1', date: '2026-04-01', amount: 88, created_at: at, updated_at: at })).status, 201);
  await page.getByRole('link', { name: '工作簿' }).click();
  await page.getByTestId('sync-waiting').getByText('orders:o-w1').waitFor({ timeout: 30_000 });
  assert.equal((await put('customers:c-w1', 'customers', { id: 'c-w1', name: '冯雪', created_at: at, updated_at: at })).status, 201);
  await page.getByTestId('sync-waiting').waitFor({ state: 'detached', timeout: 30_000 });
  await untilNames(page, ['冯雪']);
  const book = (await exportWorkbook(page)).json.collections;
  assert.deepEqual(book.orders.map((o) => [o.id, o.customer_id, o.amount]), [['o-w1', 'c-w1', 88]]);
  assert.deepEqual(appProblems(problems), []);
  await context.close();
});
