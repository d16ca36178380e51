// End-to-end: a shop owner's customer spreadsheet (CSV) — a GBK file of 50 customers,
// one with a bad phone (imported, the phone kept in the notes), one without a name
// (refused) and one already in the book: the mapping is guessed from the
// header, the preview says what will happen, and the import does exactly that. A file
// without a header, and one too large, are refused with nothing imported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { addCustomer, appUnderTest, eventually, exportWorkbook, textIs, valueIs } from './harness.mjs';

const { open } = appUnderTest({ before, after });

/** Encodes `text` as GBK, as a Chinese Excel saves it, from Node's own GBK decoder. */
function gbk(text) {
  const decoder = new TextDecoder('gbk');
  const table = new Map();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const out = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...table.get(ch));
  }
  return Buffer.from(out);
}

test('a GBK CSV of 50 customers, one with a bad phone, one without a name and one already there, imports exactly as previewed', async () => {
  const { context, page, problems } = await open('/customers');
  await addCustomer(page, '老客户', '13900001111');
  const lines = ['客户名称,手机,电子邮箱,公司,所在城市,客户来源,备注'];
  for (let i = 1; i <= 50; i++) {
    const n = String(i).padStart(2, '0');
    let phone = `138000000${n}`;
    let name = `测试客户${n}`;
    if (i === 10) phone = '12345'; // not a phone number
    if (i === 20) name = ''; // no name
    if (i === 30) phone = '13900001111'; // the customer already in the book
    lines.push(`${name},${phone},c${n}@example.com,南昌家居${n},南昌,老客户介绍,"备注，第 ${n} 位"`);
  }
  const file = gbk(lines.join('\r\n') + '\r\n');

  await page.getByRole('navigation').getByRole('link', { name: '客户档案', exact: true }).click();
  await page.getByRole('link', { name: '导入 CSV' }).click();
  await page.getByLabel('选择文件').setInputFiles({ name: '客户.csv', mimeType: 'text/csv', buffer: file });
  // The mapping guessed from the header, and each column's first value decoded.
  await valueIs(page.getByLabel('导入为 客户名称'), 'name');
  await valueIs(page.getByLabel('导入为 手机'), 'phone');
  await valueIs(page.getByLabel('导入为 所在城市'), 'region');
  await valueIs(page.getByLabel('导入为 客户来源'), 'source');
  await page.getByRole('cell', { name: '测试客户01', exact: true }).waitFor();
  const preview = page.getByTestId('import-preview');
  await textIs(preview, '将导入：新建 47，更新 0，无变化 0，跳过重复 1，导入但有问题 1，有问题未导入 1');
  const grid = page.getByRole('grid', { name: '导入结果（每一行）' });
  const row = (line) => grid.getByRole('row').filter({ has: page.getByRole('gridcell', { name: String(line), exact: true }) });
  // Only the problem rows: the bad phone imported, the row without a name not.
  await page.getByLabel('只看有问题的行').check();
  await eventually(async () => {
    assert.match(await row(11).textContent(), /已导入（有问题）.*「手机」列：不是有效的电话号码/);
    assert.match(await row(21).textContent(), /未导入.*「客户名称」列：必填/);
    assert.equal(await grid.getByRole('row').count(), 3, 'the header and two problem rows');
  });
  await textIs(page.getByTestId('problem-kinds'), '「手机」列：不是有效的电话号码（手机 11 位，座机带区号如 0791-8888888，或 +国家代码） — 1 行「客户名称」列：必填 — 1 行');
  // Every row, scrolled to line 31.
  await page.getByLabel('只看有问题的行').uncheck();
  await grid.evaluate((el) => { el.scrollTop = 27 * 40; });
  await eventually(async () => assert.match(await row(31).textContent(), /跳过.*老客户/));
  // Updating instead: the customer already there takes the file's cells.
  await page.getByLabel('更新已有客户（用文件中填写的值）').check();
  await textIs(preview, '将导入：新建 47，更新 1，无变化 0，跳过重复 0，导入但有问题 1，有问题未导入 1');
  // Without a name column nothing can be imported, and the reason is given.
  await page.getByLabel('导入为 客户名称').selectOption('');
  await page.getByText('没有哪一列是客户姓名/名称').waitFor();
  await eventually(async () => assert.ok(await page.getByRole('button', { name: '按预览导入' }).isDisabled()));
  await page.getByLabel('导入为 客户名称').selectOption('name');
  await textIs(preview, '将导入：新建 47，更新 1，无变化 0，跳过重复 0，导入但有问题 1，有问题未导入 1');
  await page.getByRole('button', { name: '按预览导入' }).click();
  // The same report stays on screen after the import.
  await textIs(page.getByTestId('import-done'), '已导入：新建 47，更新 1，无变化 0，跳过重复 0，导入但有问题 1，有问题未导入 1');
  await page.getByRole('grid', { name: '导入结果（每一行）' }).waitFor();

  const { json } = await exportWorkbook(page);
  const customers = json.collections.customers;
  assert.equal(customers.length, 49);
  const seven = customers.find((c) => c.name === '测试客户07');
  assert.deepEqual([seven.phone, seven.company, seven.region, seven.source, seven.notes], ['13800000007', '南昌家居07', '南昌', '老客户介绍', '备注，第 07 位']);
  const old = customers.filter((c) => c.phone === '13900001111');
  assert.equal(old.length, 1);
  assert.deepEqual([old[0].name, old[0].company], ['测试客户30', '南昌家居30']);
  assert.ok(!customers.some((c) => c.phone === '12345' || c.name === ''));
  const ten = customers.find((c) => c.name === '测试客户10');
  assert.deepEqual([ten.phone, ten.notes], ['', '备注，第 10 位\n手机(原文): 12345']);
  // Any table as CSV, from the workbook page.
  await page.getByRole('region', { name: '导出表格（CSV）' }).getByRole('combobox').selectOption('customers');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
  const text = await readFile(await csv.path(), 'utf8');
  assert.ok(text.startsWith('\ufeffid,'), 'UTF-8 with a BOM, id first');
  assert.equal(text.trim().split('\r\n').length, 50, 'the header and 49 customers');
  assert.match(text, /测试客户07,/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a CSV without a header, one mixing encodings and one over 20 MB are refused with nothing imported', async () => {
  const { context, page, problems } = await open('/customers/import');
  const noHeader = Buffer.from('张三,13800001234,南昌\r\n李四,13800005678,九江\r\n');
  await page.getByLabel('选择文件').setInputFiles({ name: 'data.csv', mimeType: 'text/csv', buffer: noHeader });
  await page.getByText('第一行是客户数据，不是列名').waitFor();
  assert.equal(await page.getByRole('button', { name: '按预览导入' }).count(), 0);
  // Rows pasted together from a UTF-8 and a GBK file.
  const mixed = Buffer.concat([Buffer.from('姓名,电话\r\n张三,13800001234\r\n'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(',13800005678\r\n')]);
  await page.getByLabel('选择文件').setInputFiles({ name: 'mixed.csv', mimeType: 'text/csv', buffer: mixed });
  await page.locator('.toast').filter({ hasText: '有的行是 UTF-8 编码，有的行是 GBK 编码' }).waitFor();
  const huge = Buffer.alloc(21 * 1024 * 1024, 'a');
  await page.getByLabel('选择文件').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: huge });
  await page.locator('.toast').filter({ hasText: '文件太大（21.0 MB），最多 20 MB' }).waitFor();
  const { json } = await exportWorkbook(page);
  assert.equal(json.collections.customers?.length ?? 0, 0);
  assert.deepEqual(problems, []);
  await context.close();
});
