// End-to-end: faults (issue 8) — every file of the fault corpus is refused with its
// message, in merge and in replace mode, and the stored data stays exactly as it was;
// hostile text typed into the forms is shown as text and never runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { appUnderTest, exportWorkbook } from './harness.mjs';

const { open } = appUnderTest({ before, after });
const CORPUS = new URL('../tests/corpus/bad/', import.meta.url);

const nav = (page, name) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();

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
