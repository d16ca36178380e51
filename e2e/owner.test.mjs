// End-to-end: the owner survives an import (issue 20). A student's workbook exported
// with name, class and number comes back with them in a fresh browser, by a merge or a
// replace; a merge of another student's file asks before changing the owner.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, exportWorkbook, importFile, valueIs } from './harness.mjs';

const { open } = appUnderTest({ before, after });

/** A workbook file of `owner` with one customer of its own. */
function bookOf(owner, id) {
  const t = '2026-11-20T08:00:00Z';
  return JSON.stringify({
    format: 'kehu-workbook', version: 6, exported_at: '2026-11-21T08:00:00Z', book_id: `book-${id}`,
    owner,
    collections: { customers: [{ id: `c-${id}`, name: '客户甲', created_at: t, updated_at: t }] },
  });
}

const li = { name: '李明', class: '电商2301', student_id: '230101' };
const zhang = { name: '张华', class: '电商2301', student_id: '230102' };

test('a merge into a fresh browser takes the file\'s owner, and the next export is named by it', async () => {
  const { context, page, problems } = await open('/workbook');
  await importFile(page, '李明.kehu.json', bookOf(li, 'li'));
  await page.getByText(/合并完成: 1 新增/).waitFor();
  await valueIs(page.getByLabel('姓名'), '李明');
  await valueIs(page.getByLabel('学号'), '230101');
  const again = await exportWorkbook(page);
  assert.match(again.name, /^李明-电商2301-230101-\d{4}-\d{2}-\d{2}\.kehu\.json$/);
  assert.deepEqual(again.json.owner, li);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a replace takes the file\'s owner; a merge of another student\'s file asks', async () => {
  const { context, page, problems } = await open('/workbook');
  await page.getByLabel('姓名').fill('张华');
  await page.getByLabel('班级').fill('电商2301');
  await page.getByLabel('学号').fill('230102');
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.toast').filter({ hasText: '所有者' }).first().waitFor();
  // Another student's file merged: asked, and keeping leaves the owner as it was.
  await importFile(page, '李明.kehu.json', bookOf(li, 'li'));
  const question = page.getByTestId('owner-question');
  await question.getByText('导入的文件属于 李明 · 电商2301 · 230101，本工作簿的所有者是 张华 · 电商2301 · 230102。要改用文件中的所有者吗？').waitFor();
  await question.getByRole('button', { name: '保留本工作簿的所有者' }).click();
  await question.waitFor({ state: 'detached' });
  await valueIs(page.getByLabel('姓名'), '张华');
  // Asked again, taking it changes the owner.
  await importFile(page, '李明.kehu.json', bookOf(li, 'li'));
  await question.getByRole('button', { name: '改用文件中的所有者' }).click();
  await valueIs(page.getByLabel('姓名'), '李明');
  // A replace by 张华's own file takes it without asking (after the backup).
  await page.getByLabel(/^替换/).check();
  const [backup] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await importFile(page, '张华.kehu.json', bookOf(zhang, 'zhang'));
      await page.getByRole('button', { name: '备份并替换' }).click();
    })(),
  ]);
  assert.match(backup.suggestedFilename(), /backup/);
  await valueIs(page.getByLabel('姓名'), '张华');
  await valueIs(page.getByLabel('学号'), '230102');
  assert.equal(await page.getByTestId('owner-question').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
