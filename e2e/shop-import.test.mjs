// End-to-end: a tea shop's real data goes in whole. The generated messy GBK list of
// 800 customers (tests/messy/generate.mjs) imports every row that has a name; the
// rows left out (those without a name) download as a CSV, are fixed and import
// again; the shop's orders CSV imported a second time adds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, eventually, exportWorkbook } from './harness.mjs';

const { open } = appUnderTest({ before, after });

/** The rows of CSV `text` (quotes, doubled quotes, commas and line breaks inside quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** The counts of an import's status line, by name. */
function counts(text) {
  const m = text.match(/新建 (\d+)，更新 (\d+)，无变化 (\d+)，跳过重复 (\d+)，导入但有问题 (\d+)，有问题未导入 (\d+)/);
  assert.ok(m, text);
  const [created, updated, unchanged, skipped, withProblem, invalid] = m.slice(1).map(Number);
  return { created, updated, unchanged, skipped, withProblem, invalid };
}

test('800 messy GBK customers: every row with a name is in, the rows left out are fixed and imported again', async () => {
  const bytes = await readFile('tests/messy/tea-shop-800.csv');
  const rows = parseCsv(new TextDecoder('gbk').decode(bytes)).slice(1);
  const named = rows.filter((r) => r[0].trim() !== '').length;
  const nameless = rows.length - named;
  assert.equal(rows.length, 800, 'the generated file has 800 rows');
  assert.ok(nameless >= 5, 'a few rows without a name');

  const { context, page, problems } = await open('/customers/import');
  // First a few customers with birthdays this week, written as the shop writes them
  // (3月8日): the care list and the today page show them.
  const soon = [1, 3, 5].map((n) => new Date(Date.now() + n * 86400_000));
  const names = ['寿星甲', '寿星乙', '寿星丙'];
  const week = '\ufeff姓名,生日\r\n' + names.map((n, i) => `${n},${soon[i].getMonth() + 1}月${soon[i].getDate()}日`).join('\r\n') + '\r\n';
  await page.getByLabel('选择文件').setInputFiles({ name: 'birthdays.csv', mimeType: 'text/csv', buffer: Buffer.from(week) });
  await page.getByRole('button', { name: '按预览导入' }).click();
  await page.getByTestId('import-done').waitFor();
  await page.goto(new URL('/care', page.url()).href);
  for (const n of names) await page.getByTestId('care-due').getByText(n).first().waitFor();
  await page.goto(new URL('/dashboard', page.url()).href);
  for (const n of names) await page.getByTestId('today-birthdays').getByRole('link', { name: n }).waitFor();
  await page.goto(new URL('/customers/import', page.url()).href);

  await page.getByLabel('选择文件').setInputFiles({ name: '茶叶店客户.csv', mimeType: 'text/csv', buffer: bytes });
  // Every column has somewhere to go: the WeChat id, and the totals as the opening balance.
  for (const [column, field] of [['微信', 'wechat'], ['累计消费', 'opening.total'], ['最近购买', 'opening.last'], ['生日', 'birthday']]) {
    assert.equal(await page.getByLabel(`导入为 ${column}`).inputValue(), field, column);
  }
  const preview = page.getByTestId('import-preview');
  await preview.waitFor();
  const plan = counts(await preview.textContent());
  // Every row with a name is imported (or is a repeat of one that is); only the
  // rows without a name are left out.
  assert.equal(plan.invalid, nameless);
  assert.equal(plan.created + plan.withProblem + plan.skipped, named);
  assert.ok(plan.withProblem > 0, 'the messy cells are set aside, not refused');
  // The problem rows, counted per kind.
  await page.getByTestId('problem-kinds').getByText(`「姓名」列：必填 — ${nameless} 行`).waitFor();
  await page.getByRole('button', { name: '按预览导入' }).click();
  const done = counts(await page.getByTestId('import-done').textContent());
  assert.deepEqual(done, plan, 'imported exactly as previewed');

  // The rows left out, as a CSV with a reason, fixed and imported again.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /下载未导入的问题行/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'customers-problems.csv');
  const problemText = await readFile(await download.path(), 'utf8');
  assert.ok(problemText.startsWith('\ufeff'), 'a BOM, so Excel reads it as UTF-8');
  const problemRows = parseCsv(problemText.slice(1));
  assert.deepEqual(problemRows[0], ['姓名', '手机', '微信', '地址', '生日', '累计消费', '最近购买', '备注', '问题原因']);
  assert.equal(problemRows.length - 1, nameless);
  for (const r of problemRows.slice(1)) assert.ok(r[0] === '' && r[8].startsWith('未导入：「姓名」列：必填'), JSON.stringify(r)); // the name's column first
  // Fixed as the owner would in Excel: a name typed into each row.
  const fixed = problemRows.map((r, i) => (i === 0 ? r : [`补登${i}`, ...r.slice(1)]));
  const quote = (c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  const fixedText = '\ufeff' + fixed.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
  await page.getByLabel('选择文件').setInputFiles({ name: 'fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(fixedText) });
  assert.equal(await page.getByLabel('导入为 问题原因').inputValue(), '', 'the reason column is not imported');
  const again = counts(await preview.textContent());
  assert.equal(again.invalid, 0);
  assert.equal(again.created + again.withProblem + again.skipped, nameless);
  await page.getByRole('button', { name: '按预览导入' }).click();
  await page.getByTestId('import-done').waitFor();

  const { json } = await exportWorkbook(page);
  const customers = json.collections.customers;
  assert.equal(customers.length, names.length + plan.created + plan.withProblem + again.created + again.withProblem);
  assert.equal(customers.filter((c) => c.name.startsWith('补登')).length, again.created + again.withProblem);
  // A birthday that is no date: the customer is in, the text in the notes.
  const junk = customers.filter((c) => /生日\(原文\): 3月8日x/.test(c.notes));
  assert.ok(junk.length > 0 && junk.every((c) => !c.birthday));
  // 3月8日 and 03-08 are birthdays without a year.
  assert.ok(customers.some((c) => /^--\d\d-\d\d$/.test(c.birthday ?? '')), 'month-day birthdays');
  // The totals are each customer's opening balance, the WeChat id its own field.
  assert.ok(customers.filter((c) => c.opening?.total > 0).length > 300, 'opening balances');
  assert.ok(customers.filter((c) => c.wechat?.startsWith('wxid_')).length > 300, 'WeChat ids');
  // A customer written twice, the second time with the number spelled another way, is
  // one customer: the number is matched as a number.
  const repeats = rows.filter((r) => r[7] === '又登记了一次' && r[1].trim() !== '');
  assert.ok(repeats.length >= 5, 'repeats with a phone');
  for (const r of repeats) {
    const first = rows.find((x) => x[0] === r[0] && x[7] !== '又登记了一次');
    assert.notEqual(first[1], r[1], 'spelled another way');
    assert.equal(customers.filter((c) => c.name === r[0]).length, 1, r[0]);
  }

  assert.deepEqual(problems, []);
  await context.close();
});

test('the same orders CSV imported twice adds nothing the second time', async () => {
  const customersFile = await readFile('tests/messy/tea-shop-800.csv');
  const ordersFile = await readFile('tests/messy/tea-shop-orders.csv');
  const orderRows = parseCsv(ordersFile.toString('utf8').slice(1)).slice(1);
  const walkIns = new Set(orderRows.map((r) => r[0]).filter((n) => n.startsWith('散客')));

  const { context, page, problems } = await open('/customers/import');
  await page.getByLabel('选择文件').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: customersFile });
  await page.getByRole('button', { name: '按预览导入' }).click();
  await page.getByTestId('import-done').waitFor();

  const importOrders = async () => {
    await page.goto(new URL('/orders', page.url()).href);
    await page.getByText('从 CSV 导入订单').click();
    await page.getByLabel('选择文件').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: ordersFile });
    await page.getByTestId('import-preview').waitFor();
    return counts(await page.getByTestId('import-preview').textContent());
  };
  const first = await importOrders();
  assert.deepEqual(first, { created: orderRows.length, updated: 0, unchanged: 0, skipped: 0, withProblem: 0, invalid: 0 });
  await page.getByRole('button', { name: '按预览导入' }).click();
  await page.getByTestId('import-done').waitFor();

  const second = await importOrders();
  assert.deepEqual(second, { created: 0, updated: 0, unchanged: 0, skipped: orderRows.length, withProblem: 0, invalid: 0 });
  await eventually(async () => assert.ok(await page.getByRole('button', { name: '按预览导入' }).isDisabled()));

  const { json } = await exportWorkbook(page);
  assert.equal(json.collections.orders.length, orderRows.length);
  const names = new Set(json.collections.customers.map((c) => c.name));
  for (const w of walkIns) assert.ok(names.has(w), w);
  assert.equal(json.collections.customers.filter((c) => walkIns.has(c.name)).length, walkIns.size, 'each walk-in once');
  assert.deepEqual(problems, []);
  await context.close();
});
