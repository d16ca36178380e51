// End-to-end: faults (issue 8) — every file of the fault corpus is refused with its
// message, in merge and in replace mode, and the stored data stays exactly as it was;
// hostile text typed into the forms is shown as text and never runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { appUnderTest, exportWorkbook, nav } from './harness.mjs';

const { open, base } = appUnderTest({ before, after });
const CORPUS = new URL('../tests/corpus/bad/', import.meta.url);


/** The stored records, in a fixed order, as text to compare byte for byte. */
async function stored(page) {
  const { json } = await exportWorkbook(page);
  const c = json.collections;
  for (const list of Object.values(c)) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return JSON.stringify(c);
}

test('every file of the fault corpus is refused and the data stays byte-identical', async () => {
  const { context, page, problems } = await open('/workbook');
  await page.getByRole('button', { name: '载入示例：江西××房地产公司' }).click();
  await page.locator('.toast').filter({ hasText: '示例数据已载入' }).waitFor();
  const before = await stored(page);
  const files = (await readdir(CORPUS)).filter((f) => f.endsWith('.json')).sort();
  assert.ok(files.length >= 30, `${files.length} files`);
  const refused = page.locator('.problems').filter({ hasText: '文件未导入，数据没有任何改动。' });
  for (const [i, file] of files.entries()) {
    // Half the files in merge mode, half in replace mode (which asks nothing before a
    // file is read, so a refused file never reaches the confirmation).
    await page.getByLabel(i % 2 ? '替换（先自动下载当前数据的备份）' : '合并（按 id，较新的记录优先）').check();
    const buffer = await readFile(new URL(file, CORPUS));
    await page.getByLabel('选择文件').setInputFiles({ name: file, mimeType: 'application/json', buffer });
    await refused.waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0, `${file}: no replace confirmation`);
    // The next file starts from no message.
    await nav(page, '回收站');
    await nav(page, '工作簿');
  }
  assert.equal(await stored(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('hostile text in the forms is shown as text and never runs', async () => {
  const { context, page, problems } = await open('/customers/new');
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  const name = '<script>alert(1)</script>\u202Eevil';
  const notes = '<img src=x onerror="alert(2)"> <a href="javascript:alert(3)">click</a>';
  await page.getByLabel(/^姓名\/名称/).fill(name);
  await page.getByLabel('备注').fill(notes);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name }).waitFor();
  // Shown as the characters typed; no element was made from them.
  assert.equal(await page.getByRole('heading', { name }).textContent(), name);
  await page.getByText(notes).first().waitFor();
  assert.equal(await page.locator('main script, main img[src="x"], main a[href^="javascript:"]').count(), 0);
  await nav(page, '客户档案');
  await page.getByText('<script>alert(1)</script>').first().waitFor();
  assert.equal(await page.locator('main script').count(), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
  await context.close();
});

/** A page on a book holding one customer, 原有客户. */
async function bookOfOneCustomer() {
  const opened = await open('/customers/new');
  await opened.page.getByLabel(/^姓名\/名称/).fill('原有客户');
  await opened.page.getByRole('button', { name: '保存' }).click();
  await opened.page.getByRole('heading', { name: '原有客户' }).waitFor();
  return opened;
}

test('a tab closed in the middle of a large import leaves the book whole: as before, or exactly the file', async () => {
  const { context, page, problems } = await bookOfOneCustomer();
  const at = '2026-11-20T08:00:00Z';
  const customers = Array.from({ length: 100000 }, (_, i) => ({ id: `big-${i}`, name: `批量客户${i}`, phone: `138${String(i).padStart(8, '0')}`, created_at: at, updated_at: at }));
  const file = JSON.stringify({ format: 'kehu-workbook', version: 6, exported_at: at, collections: { customers } });
  await nav(page, '工作簿');
  await page.getByLabel(/^替换/).check();
  await page.getByLabel('选择文件').setInputFiles({ name: 'big.kehu.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  // The backup is downloaded, then the replace starts: the tab is closed right then.
  const backup = page.waitForEvent('download');
  await page.getByRole('dialog').getByRole('button', { name: '备份并替换' }).click();
  await backup;
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto(base() + '/workbook');
  const { json } = await exportWorkbook(again);
  const names = json.collections.customers.map((c) => c.name);
  if (names.length === 1) {
    assert.deepEqual(names, ['原有客户'], 'as before');
  } else {
    assert.equal(names.length, 100000, 'exactly the file');
    assert.ok(!names.includes('原有客户'));
  }
  assert.deepEqual(problems.filter((p) => !/Target (page|closed)|closed/i.test(p)), []);
  await context.close();
});

test('a tab closed in the middle of a large merge leaves the book whole: as before, or all of the file in every collection', async () => {
  const { context, page, problems } = await bookOfOneCustomer();
  const at = '2026-11-20T08:00:00Z';
  const n = 60000;
  const customers = Array.from({ length: n }, (_, i) => ({ id: `m-${i}`, name: `合并客户${i}`, phone: `139${String(i).padStart(8, '0')}`, created_at: at, updated_at: at }));
  const orders = Array.from({ length: n }, (_, i) => ({ id: `o-${i}`, customer_id: `m-${i}`, date: '2026-11-01', amount: 100 + i, created_at: at, updated_at: at }));
  const file = JSON.stringify({ format: 'kehu-workbook', version: 6, exported_at: at, collections: { customers, orders } });
  await nav(page, '工作簿');
  await page.getByLabel(/^合并/).check();
  await page.getByLabel('选择文件').setInputFiles({ name: 'big.kehu.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  // The merge writes customers and orders; the tab is closed while it runs.
  await page.waitForTimeout(1500);
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto(base() + '/workbook');
  const { json } = await exportWorkbook(again);
  const customerCount = json.collections.customers.length;
  const orderCount = json.collections.orders?.length ?? 0;
  if (customerCount === 1) {
    assert.equal(orderCount, 0, 'as before: no order either');
  } else {
    assert.deepEqual([customerCount, orderCount], [n + 1, n], 'all of the file, customers and orders');
  }
  assert.deepEqual(problems.filter((p) => !/Target (page|closed)|closed/i.test(p)), []);
  await context.close();
});

/** Script tags, an event-handler attribute, a `javascript:` link and a bidi override. */
const HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>\u202Egnp.exe';

/** A page on the sample book that records every dialog the page opens. */
async function sampleBookWatchingDialogs() {
  const { context, page, problems } = await open('/workbook');
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await page.getByRole('button', { name: '载入示例：江西××房地产公司' }).click();
  await page.locator('.toast').filter({ hasText: '示例数据已载入' }).waitFor();
  return { context, page, problems, dialogs };
}

/** Types HOSTILE into every visible, editable text field of the page. */
async function fillEveryTextField(page) {
  // A birthday is text too (3月8日, 03-08), but it must be a day: the form refuses
  // anything else with a message, which e2e/shop-fields.test.mjs covers.
  const fields = page.locator('main input[type="text"]:not([autocomplete="bday"]), main input:not([type]), main textarea');
  for (const field of await fields.all()) {
    if ((await field.isVisible()) && (await field.isEditable())) await field.fill(HOSTILE);
  }
}

/** Fails if the text became an element anywhere in the page's main content. */
async function assertInert(page, where) {
  assert.equal(await page.locator('main script, main img[src="x"], main a[href^="javascript:"]').count(), 0, `${where}: no element made from the text`);
}

test('hostile text in every text field of every form is kept as text and never runs', async () => {
  const { context, page, problems, dialogs } = await sampleBookWatchingDialogs();
  const forms = ['/customers/new', '/service/new', '/callbacks/new', '/tickets/new', '/surveys/new', '/pipeline/new', '/visits/new', '/orders/new', '/events/new', '/complaints/new'];
  for (const form of forms) {
    await page.goto(base() + form);
    await page.locator('main h1').first().waitFor();
    await fillEveryTextField(page);
    const save = page.getByRole('button', { name: '保存', exact: true });
    if (await save.count()) await save.first().click();
    await page.waitForTimeout(100);
    const list = form.replace(/\/new$/, '');
    await page.goto(base() + list);
    await page.locator('main h1').first().waitFor();
    await assertInert(page, form);
  }
  // The customer saved with hostile text in every field shows it as text.
  await page.goto(base() + '/customers');
  await page.getByRole('searchbox', { name: '搜索' }).fill('gnp.exe');
  await page.locator('main').getByText('<script>alert(1)</script>', { exact: false }).filter({ visible: true }).first().waitFor();
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('hostile text in the settings and edit forms is kept as text and never runs', async () => {
  const { context, page, problems, dialogs } = await sampleBookWatchingDialogs();
  const { json } = await exportWorkbook(page);
  const c = json.collections;
  const pages = [
    `/customers/${c.customers[0].id}/edit`,
    `/key-accounts/${c.key_accounts[0].customer_id}`,
    `/jobs/${c.job_descriptions[0].id}`,
    '/scripts', '/self-checks', '/loyalty', '/care', '/org', '/calls', '/complaints/kpi', '/workbook',
  ];
  for (const path of pages) {
    await page.goto(base() + path);
    await page.locator('main h1').first().waitFor({ timeout: 10_000 }).catch((e) => assert.fail(`${path}: ${e.message}`));
    await fillEveryTextField(page);
    // Every save on the page, each form in turn.
    for (const save of await page.getByRole('button', { name: /^保存/ }).all()) {
      if ((await save.isVisible()) && (await save.isEnabled())) await save.click();
      await page.waitForTimeout(50);
    }
    await assertInert(page, path);
    await page.goto(base() + path);
    await page.locator('main h1').first().waitFor();
    await assertInert(page, `${path} again`);
  }
  // The customer edited with hostile text in every field shows it as text.
  await page.goto(base() + `/customers/${c.customers[0].id}`);
  await page.locator('main').getByText('<script>alert(1)</script>', { exact: false }).filter({ visible: true }).first().waitFor();
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
  await context.close();
});
