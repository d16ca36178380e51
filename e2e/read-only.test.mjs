// End-to-end: browsing a student's book read-only (issue 20) offers nothing that
// would change it. On the customers list, a customer's page, the organisation page,
// the callbacks page and the workbook page, every create, import, edit and delete
// control is disabled and says why (on hover, `title`, and for screen readers,
// `aria-describedby` pointing at the banner's reason) or is not there; search,
// filters, printing and exports stay usable. Back in the instructor's own book the
// same controls work again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, exportWorkbook, loaded, nav } from './harness.mjs';

const { open } = appUnderTest({ before, after });
const REASON = '只读浏览：不能修改';

/** Whether `locator` is disabled (itself or by a disabled fieldset around it), and the reason it gives. */
async function lockOf(locator) {
  await locator.waitFor();
  return locator.evaluate((el) => {
    let title = null;
    const described = [];
    for (let e = el; e; e = e.parentElement) {
      title ??= e.getAttribute('title') || null;
      for (const id of (e.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)) {
        described.push(document.getElementById(id)?.textContent ?? '');
      }
    }
    return { disabled: el.matches(':disabled'), title, described };
  });
}

/** Asserts `locator` is disabled and gives the reason, on hover and to a screen reader. */
async function locked(locator, what) {
  const lock = await lockOf(locator);
  assert.equal(lock.disabled, true, `${what} is disabled`);
  assert.equal(lock.title, REASON, `${what} says why on hover`);
  assert.ok(lock.described.includes(REASON), `${what} is described by the reason (${JSON.stringify(lock.described)})`);
}

/** Asserts `locator` can be used. */
async function usable(locator, what) {
  const lock = await lockOf(locator);
  assert.equal(lock.disabled, false, `${what} is usable`);
}

test("a student's book browsed read-only offers no control that changes it; the instructor's own book does", async () => {
  // ── A student: the real-estate sample and a customer of their own, handed in. ──
  const student = await open('/workbook');
  const s = student.page;
  await s.getByLabel('姓名').fill('李明');
  await s.getByLabel('班级').fill('电商2301');
  await s.getByLabel('学号').fill('230101');
  await s.getByRole('button', { name: '保存' }).click();
  await s.getByRole('button', { name: '载入示例：江西××房地产公司' }).click();
  await s.locator('.toast').filter({ hasText: '示例数据已载入' }).waitFor();
  await nav(s, '客户档案');
  await s.getByRole('link', { name: '新建客户' }).click();
  await s.getByLabel(/^姓名\/名称/).fill('只读客户');
  await s.getByLabel('电话').fill('13800001357');
  await s.getByRole('button', { name: '保存' }).click();
  await s.getByRole('heading', { name: '只读客户' }).waitFor();
  const handedIn = await exportWorkbook(s);

  // ── The instructor opens it and browses it read-only. ──
  const teacher = await open('/review');
  const t = teacher.page;
  await t.getByLabel('选择文件（可多选）').setInputFiles({ name: handedIn.name, mimeType: 'application/json', buffer: Buffer.from(handedIn.text) });
  await t.getByTestId('class-row').filter({ hasText: '李明' }).getByRole('link').click();
  await t.getByRole('button', { name: '只读浏览此工作簿' }).click();
  const banner = t.getByTestId('read-only-banner');
  await banner.getByText('李明').waitFor();
  await banner.getByText(REASON).waitFor();

  // The customers list: no new customer, no import; search and export still work.
  await nav(t, '客户档案');
  await loaded(t);
  assert.equal(await t.getByRole('link', { name: '新建客户' }).count(), 0, 'no "new customer" link');
  await locked(t.getByRole('button', { name: '新建客户' }), '新建客户');
  await locked(t.getByRole('button', { name: '导入 CSV' }), '导入 CSV');
  await usable(t.getByRole('button', { name: '导出 CSV' }), '导出 CSV');
  await t.getByRole('searchbox', { name: '搜索' }).fill('只读客户');
  await t.getByText(/显示 1 \/ 201/).waitFor();
  // Selecting rows is reading; the bulk changes are locked.
  await t.getByRole('checkbox', { name: '全选' }).check();
  await locked(t.getByRole('button', { name: '移到回收站' }), 'the bulk "move to trash"');
  await locked(t.getByRole('button', { name: '添加标签' }), 'the bulk "add tag"');
  await usable(t.getByRole('button', { name: '取消选择' }), 'clearing the selection');
  await t.getByRole('button', { name: '取消选择' }).click();

  // A customer's page: no edit, no trash, no new related record, no points.
  await t.getByRole('grid', { name: '客户列表' }).getByRole('link', { name: '只读客户' }).click();
  await t.getByRole('heading', { name: '只读客户' }).waitFor();
  await locked(t.getByRole('button', { name: '编辑', exact: true }), '编辑');
  await locked(t.getByRole('button', { name: '移到回收站' }), '移到回收站');
  await locked(t.getByRole('button', { name: '新建服务记录' }), '新建服务记录');
  await locked(t.getByRole('button', { name: '安排回访' }), '安排回访 (timeline)');
  await locked(t.getByRole('button', { name: '兑换' }), '兑换 (points)');
  await locked(t.getByLabel('积分数'), 'the points amount');
  await usable(t.getByRole('link', { name: '返回' }), 'the way back');

  // The organisation: the chart's editor, the principles and the duty grid are locked;
  // printing and saving the drawing are not.
  await nav(t, '组织结构');
  await loaded(t);
  await locked(t.getByRole('button', { name: '添加顶层岗位' }), '添加顶层岗位');
  await locked(t.locator('.org-tree input[type=text]').first(), 'a position title in the tree');
  assert.equal(await t.locator('.org-row').first().getAttribute('draggable'), 'false', 'a position is not dragged elsewhere');
  await locked(t.getByRole('button', { name: /^添加下级/ }).first(), '添加下级');
  await locked(t.locator('.checklist input[type=checkbox]').first(), 'a design principle');
  await locked(t.getByRole('table').filter({ has: t.getByRole('columnheader', { name: '岗位' }) }).getByRole('checkbox').first(), 'a duty in the grid');
  await usable(t.getByRole('button', { name: '打印' }), '打印');
  await usable(t.getByRole('button', { name: '保存为 SVG' }), '保存为 SVG');

  // The callbacks: no new callback, no completing one; the period filter works.
  await nav(t, '日常服务');
  await t.getByRole('link', { name: '回访', exact: true }).click();
  await loaded(t);
  await locked(t.getByRole('button', { name: '安排回访' }), '安排回访');
  assert.equal(await t.getByRole('link', { name: '安排回访' }).count(), 0);
  assert.equal(await t.locator('main a[href="/callbacks/new"]').count(), 0);
  await usable(t.locator('main input[type=date]').first(), 'the period filter');

  // The workbook page: nothing to import, no owner to change, no sample to load; the
  // table export stays.
  await nav(t, '工作簿');
  await t.getByRole('heading', { name: '导出表格（CSV）' }).waitFor();
  assert.equal(await t.locator('main input[type=file]').count(), 0, 'no file input');
  assert.equal(await t.getByRole('button', { name: /载入示例/ }).count(), 0, 'no sample to load');
  await usable(t.getByRole('button', { name: '导出 CSV' }), 'the table export');

  // ── Back to the instructor's own book: the same controls are active again. ──
  await banner.getByRole('button', { name: '返回批阅' }).click();
  await t.getByRole('heading', { name: /李明/ }).waitFor();
  assert.equal(await t.locator('#read-only-reason').count(), 0);
  await nav(t, '客户档案');
  await loaded(t);
  await t.getByRole('link', { name: '新建客户' }).waitFor();
  assert.equal(await t.getByRole('button', { name: '新建客户' }).count(), 0);
  await t.getByRole('link', { name: '导入 CSV' }).waitFor();
  await nav(t, '组织结构');
  await usable(t.getByRole('button', { name: '添加顶层岗位' }), '添加顶层岗位 in the own book');
  await nav(t, '日常服务');
  await t.getByRole('link', { name: '回访', exact: true }).click();
  await t.getByRole('link', { name: '安排回访' }).waitFor();
  await nav(t, '工作簿');
  await usable(t.getByLabel('选择文件', { exact: true }), 'the import');

  assert.deepEqual(student.problems, []);
  assert.deepEqual(teacher.problems, []);
  await student.context.close();
  await teacher.context.close();
});
