// End-to-end: searching a book too large to search in one frame (issue 24). From
// 20,000 customers a keystroke draws the first screenful of matches and finds the rest
// a frame later: the count must end at every match, and a word whose matches lie
// beyond the first screenful's reach must still find them.
import { test, before, after } from 'node:test';
import { appUnderTest, eventually, textIs } from './harness.mjs';
import assert from 'node:assert/strict';

const { open } = appUnderTest({ before, after });

test('at 20,500 customers a search still counts and lists every match', async () => {
  const { context, page, problems } = await open('/customers/import');
  // 20,500 customers. 150 are called 甲… (every 137th row); 3 are 乙… and come last in
  // the file; the phone holds the row number.
  const lines = ['客户名称,手机'];
  for (let i = 0; i < 20_500; i++) {
    const name = i >= 20_497 ? `乙客户${i}` : i % 137 === 0 && i < 137 * 150 ? `甲客户${i}` : `客户${i}`;
    lines.push(`${name},139${String(i).padStart(8, '0')}`);
  }
  await page.getByLabel('选择文件').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) });
  await textIs(page.getByTestId('import-preview'), '将导入：新建 20500，更新 0，无变化 0，跳过重复 0，导入但有问题 0，有问题未导入 0');
  await page.getByRole('button', { name: '按预览导入' }).click();
  await page.getByTestId('import-done').waitFor({ timeout: 120_000 });
  await page.getByRole('navigation').getByRole('link', { name: '客户档案', exact: true }).click();
  const stats = page.locator('.stats span').first();
  await textIs(stats, '显示 20500 / 20500 客户');
  const search = page.getByRole('searchbox', { name: '搜索' });
  await search.fill('甲');
  await textIs(stats, '显示 150 / 20500 客户');
  // Typing on narrows the whole result, not its first screenful.
  await search.fill('甲客户1');
  const expected = Array.from({ length: 150 }, (_, k) => k * 137).filter((i) => String(i).startsWith('1')).length;
  await textIs(stats, `显示 ${expected} / 20500 客户`);
  // A rare word, wherever its customers are in the list.
  await search.fill('乙客户');
  await textIs(stats, '显示 3 / 20500 客户');
  const grid = page.getByRole('grid', { name: '客户列表' });
  await eventually(async () => assert.equal(await grid.getByRole('link', { name: /^乙客户/ }).count(), 3));
  // "Select all" clicked before the whole result is found (in the same task as the
  // keystroke, while only the first screenful is drawn) selects every match.
  await search.fill('');
  await textIs(stats, '显示 20500 / 20500 客户');
  await page.evaluate(() => {
    const input = document.querySelector('input[type=search]');
    input.value = '甲';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    document.querySelector('[aria-label="全选"]').click();
  });
  await textIs(page.getByRole('region', { name: '已选' }).locator('strong'), '已选: 150');
  await textIs(stats, '显示 150 / 20500 客户');
  await page.getByRole('region', { name: '已选' }).getByRole('button', { name: '取消选择' }).click();
  await search.fill('没有这个人');
  await page.getByText('没有符合条件的客户。').waitFor();
  // Cleared, the list grows from no row to a screenful in one keystroke: the rows in
  // view are drawn at once and the rest a frame later, but no row is added blank (it
  // would sit over the first row, its box over the first row's). Read in the keystroke's
  // own frame, before the later drawing, on purpose.
  const placeless = await page.evaluate(async () => {
    const input = document.querySelector('input[type=search]');
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((res) => { const ch = new MessageChannel(); ch.port1.onmessage = res; ch.port2.postMessage(0); });
    const rows = [...document.querySelectorAll('[role=grid] [role=row][aria-selected]')];
    return { rows: rows.length, placeless: rows.filter((r) => !r.getAttribute('aria-rowindex')).length };
  });
  assert.ok(placeless.rows > 0, 'the cleared search drew rows');
  assert.equal(placeless.placeless, 0);
  await textIs(stats, '显示 20500 / 20500 客户');
  assert.deepEqual(problems, []);
  await context.close();
});
