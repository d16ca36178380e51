// End-to-end: a merge is checked as the book it will make (issue 18). The pairs of
// book and file in tests/corpus/merge are each valid alone; merged by "newer wins"
// alone, the book's export would be refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, exportWorkbook, importFile } from './harness.mjs';

const { open } = appUnderTest({ before, after });
const corpus = (name) => readFile(new URL(`../tests/corpus/merge/${name}`, import.meta.url), 'utf8');

test('a merge keeps the book whole: the book version is kept and listed, or the merge is refused', async () => {
  const { page, problems, context } = await open('/workbook');
  // The org chart whose file would make a cycle: the book's 客服总监 is kept.
  await importFile(page, 'book.kehu.json', await corpus('org-chart-cycle.book.json'));
  await page.getByRole('status').getByText('合并完成: 2 新增').waitFor();
  await importFile(page, 'file.kehu.json', await corpus('org-chart-cycle.file.json'));
  const kept = page.getByRole('status').filter({ hasText: '以下记录保留了本工作簿的版本' });
  await kept.getByText('0 新增, 0 更新, 2 未变').waitFor();
  await kept.getByRole('listitem').filter({ hasText: '客服总监' }).waitFor();
  // The org page shows both positions, the manager under the director.
  await page.goto(new URL('/org', page.url()).href);
  await page.getByText('客服经理').first().waitFor();
  await page.getByText('客服总监').first().waitFor();

  // The book's export imports into a fresh browser.
  const exported = await exportWorkbook(page);
  const fresh = await open('/workbook');
  await importFile(fresh.page, exported.name, exported.text);
  await fresh.page.getByRole('status').getByText('合并完成: 2 新增').waitFor();
  await fresh.context.close();

  // An opportunity on a stage the book does not have: refused, nothing written.
  const second = await open('/workbook');
  await importFile(second.page, 'book.kehu.json', await corpus('opportunity-on-a-stage-the-book-lacks.book.json'));
  await second.page.getByRole('status').getByText('合并完成: 3 新增').waitFor();
  const before = (await exportWorkbook(second.page)).json.collections;
  await importFile(second.page, 'file.kehu.json', await corpus('opportunity-on-a-stage-the-book-lacks.file.json'));
  const alert = second.page.getByRole('alert').filter({ hasText: '文件未合并，数据没有任何改动' });
  await alert.getByText('商机「年度采购」（文件中 collections.opportunities[0].stage_id）').waitFor();
  const after = (await exportWorkbook(second.page)).json.collections;
  assert.deepEqual(after, before);
  assert.deepEqual(second.problems, []);
  await second.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});
