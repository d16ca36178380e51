// End-to-end: a class reviewed in minutes (issue 20). Six books — real work on the
// real-estate sample, a classmate's own work on the same sample, a copy of the first
// with only the owner changed, the sample alone, a book without an owner, the Taobao
// sample alone — give the flags (copy, sample only, no owner), the class CSV, one class
// feedback file of which each student receives only their own, and a class that
// outlives a reload until it is closed. Nothing here depends on which exercises the
// sample meets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { appUnderTest, eventually, exportWorkbook, nav, textIs } from './harness.mjs';

const { open } = appUnderTest({ before, after });

async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
}

async function setOwner(page, name, klass, id) {
  await nav(page, '工作簿');
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('班级').fill(klass);
  await page.getByLabel('学号').fill(id);
  await page.getByRole('button', { name: '保存' }).click();
}

/** `book` with only its sample records, then `own` customers added. */
function sampleWith(book, own) {
  const out = structuredClone(book);
  for (const name of Object.keys(out.collections)) {
    out.collections[name] = out.collections[name].filter((r) => r.sample === true);
  }
  const t = '2026-11-20T08:00:00Z';
  out.collections.customers.push(...own.map(([name, phone]) => ({ id: randomUUID(), name, phone, created_at: t, updated_at: t })));
  return out;
}

const file = (name, json) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });

test('six books: flags, the class CSV, one class feedback file, and a class that outlives a reload', async () => {
  // ── 李明: the real-estate sample and a customer of his own. ──
  const li = await open('/workbook');
  const s = li.page;
  await setOwner(s, '李明', '电商2301', '230101');
  await s.getByRole('button', { name: '载入示例：江西××房地产公司' }).click();
  await s.locator('.toast').filter({ hasText: '示例数据已载入' }).waitFor();
  await nav(s, '客户档案');
  await s.getByRole('link', { name: '新建客户' }).click();
  await s.getByLabel(/^姓名\/名称/).fill('李明的客户');
  await s.getByLabel('电话').fill('13800001111');
  await s.getByRole('button', { name: '保存' }).click();
  await s.getByRole('heading', { name: '李明的客户' }).waitFor();
  const a = await exportWorkbook(s);

  // ── 孙丽: the Taobao sample and nothing else. ──
  const sun = await open('/workbook');
  await setOwner(sun.page, '孙丽', '电商2301', '230106');
  await sun.page.getByRole('button', { name: '载入示例：淘宝网店' }).click();
  await sun.page.locator('.toast').filter({ hasText: '示例数据已载入' }).waitFor();
  const f = await exportWorkbook(sun.page);

  // The other books, written from 李明's export as a classmate's browser would.
  const wang = sampleWith(a.json, [['王芳的客户', '13900002222']]);
  wang.owner = { name: '王芳', class: '电商2301', student_id: '230103' };
  wang.book_id = randomUUID();
  const zhang = structuredClone(a.json);
  zhang.owner = { name: '张华', class: '电商2301', student_id: '230102' };
  zhang.book_id = randomUUID();
  const zhao = sampleWith(a.json, []);
  zhao.owner = { name: '赵敏', class: '电商2301', student_id: '230104' };
  zhao.book_id = randomUUID();
  const nobody = sampleWith(a.json, [['无名的客户', '13700003333']]);
  delete nobody.owner;
  nobody.book_id = randomUUID();

  // ── The instructor opens the six files. ──
  const teacher = await open('/review');
  const t = teacher.page;
  await t.getByLabel('批阅人').fill('王老师');
  await t.getByLabel('选择文件（可多选）').setInputFiles([
    { name: a.name, mimeType: 'application/json', buffer: Buffer.from(a.text) },
    file('王芳.kehu.json', wang),
    file('张华.kehu.json', zhang),
    file('赵敏.kehu.json', zhao),
    file('unnamed.kehu.json', nobody),
    { name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) },
  ]);
  const rows = t.getByTestId('class-row');
  await rows.nth(5).waitFor();
  const row = (who) => rows.filter({ hasText: who });
  // The copy: 李明 and 张华, one group; the classmate on the same sample is not flagged.
  await row('张华').getByTestId('copy-badge').waitFor();
  assert.equal(await t.getByTestId('copy-badge').count(), 2);
  assert.equal(await row('李明').getByTestId('copy-badge').count(), 1);
  assert.equal(await t.getByTestId('copy-group').count(), 1);
  const group = t.getByTestId('copy-group');
  await group.getByText(/李明.*张华/).first().waitFor();
  await group.getByTestId('copy-evidence').filter({ hasText: /相同的记录编号：\d+ \/ \d+（100%）/ }).waitFor();
  await group.getByText(/李明的客户/).first().waitFor();
  // Sample only: the two books with nothing of their own.
  assert.equal(await t.getByTestId('sample-only-badge').count(), 2);
  await row('赵敏').getByTestId('sample-only-badge').waitFor();
  await row('孙丽').getByTestId('sample-only-badge').waitFor();
  // No owner: flagged as soon as it is opened.
  await t.getByTestId('no-owner-notice').waitFor();
  assert.equal(await t.getByTestId('no-owner-badge').count(), 1);
  await row('unnamed.kehu.json').getByTestId('no-owner-badge').waitFor();
  // The filter shows the copies alone, then the sample-only books.
  await t.getByLabel('显示').selectOption({ label: '疑似雷同' });
  await eventually(async () => assert.equal(await rows.count(), 2));
  await t.getByLabel('显示').selectOption({ label: '只有示例数据' });
  await eventually(async () => assert.equal(await rows.count(), 2));
  await row('赵敏').waitFor();
  await t.getByLabel('显示').selectOption({ label: '全部' });
  await eventually(async () => assert.equal(await rows.count(), 6));

  // ── Grades: 李明 (one exercise and overall), 王芳 (one exercise), by keyboard. ──
  await row('李明').getByRole('link').first().click();
  await t.getByRole('heading', { name: /李明 · 电商2301 · 230101/ }).waitFor();
  await t.getByTestId('review-p1-t1').getByLabel('成绩').fill('A');
  await t.getByTestId('review-p1-t1').getByLabel('评语').fill('=SUM(1)');
  await t.getByTestId('review-overall').getByLabel('总评成绩').fill('优');
  await t.getByTestId('review-overall').getByLabel('总评成绩').press('Tab');
  await t.getByRole('link', { name: /返回批阅/ }).click();
  await row('王芳').getByRole('link').first().click();
  await t.getByRole('heading', { name: /王芳/ }).waitFor();
  await t.getByTestId('review-p1-t1').getByLabel('成绩').fill('B');
  await t.getByRole('link', { name: /返回批阅/ }).click();
  await textIs(row('李明').getByTestId('overall'), '优');
  await eventually(async () => assert.match(await row('李明').getByTestId('graded').textContent(), /^✓/));
  await eventually(async () => assert.match(await row('张华').getByTestId('graded').textContent(), /^未批阅/));
  await t.getByLabel('显示').selectOption({ label: '未批阅' });
  await eventually(async () => assert.equal(await rows.count(), 4));
  await t.getByLabel('显示').selectOption({ label: '全部' });

  // ── The class as CSV: BOM, CRLF, one row per file, flags, a formula kept as text. ──
  const csv = await download(t, () => t.getByRole('button', { name: '导出全班成绩（CSV）' }).click());
  assert.match(csv.name, /^kehu-class-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(csv.text.startsWith('\uFEFF姓名,班级,学号,文件,完成,p1-t1 进度,p1-t1 成绩,p1-t1 评语,'));
  const lines = csv.text.split('\r\n').filter((l) => l !== '');
  assert.equal(lines.length, 7, 'a header and six students');
  const line = (who) => lines.find((l) => l.includes(who));
  assert.match(line('李明'), /^李明,电商2301,230101,/);
  assert.ok(line('李明').includes(",A,'=SUM(1),"), 'the grade and the guarded comment');
  assert.ok(line('李明').endsWith(',优,,雷同组 1'), line('李明'));
  assert.ok(line('张华').endsWith('雷同组 1'));
  assert.ok(line('赵敏').endsWith('只有示例数据'));
  assert.ok(line('unnamed.kehu.json').endsWith(',无所有者'), line('unnamed.kehu.json'));

  // ── One feedback file for the class. ──
  const fb = await download(t, () => t.getByRole('button', { name: '导出全班反馈文件' }).click());
  assert.match(fb.name, /^kehu-class-.*\.kehu-feedback\.json$/);
  const fbJson = JSON.parse(fb.text);
  assert.equal(fbJson.version, 2);
  assert.deepEqual(fbJson.students.map((x) => [x.student.name, x.feedback.map((g) => g.grade)]).sort(), [['李明', ['A', '优']], ['王芳', ['B']]]);

  // 李明 imports it and sees his own grade.
  await nav(s, '实训');
  await s.getByText('导入教师反馈').click();
  await s.getByLabel('选择文件').setInputFiles({ name: fb.name, mimeType: 'application/json', buffer: Buffer.from(fb.text) });
  await eventually(async () => assert.match(await s.getByTestId('feedback-p1-t1').textContent(), /成绩: A/));
  // …and the overall grade, at the top of the exercises.
  await eventually(async () => assert.match(await s.getByTestId('feedback-overall').textContent(), /^总评 · 成绩: 优/));

  // 王芳, in her own browser with her book, imports the same file: hers, and only hers.
  const wf = await open('/workbook');
  const w = wf.page;
  await setOwner(w, '王芳', '电商2301', '230103');
  await w.getByLabel(/^替换/).check();
  await w.getByLabel('选择文件').setInputFiles(file('王芳.kehu.json', wang));
  await download(w, () => w.getByRole('dialog').getByRole('button', { name: '备份并替换' }).click());
  await w.getByText(/已替换为导入的数据/).waitFor();
  await nav(w, '实训');
  await w.getByText('导入教师反馈').click();
  await w.getByLabel('选择文件').setInputFiles({ name: fb.name, mimeType: 'application/json', buffer: Buffer.from(fb.text) });
  await eventually(async () => assert.match(await w.getByTestId('feedback-p1-t1').textContent(), /成绩: B/));
  const wangAfter = (await exportWorkbook(w)).json;
  assert.deepEqual(wangAfter.collections.feedback.map((x) => [x.id, x.grade]), [['p1-t1', 'B']], "only her own feedback is stored");

  // 孙丽 is not in the file: told so, nothing stored.
  await nav(sun.page, '实训');
  await sun.page.getByText('导入教师反馈').click();
  await sun.page.getByLabel('选择文件').setInputFiles({ name: fb.name, mimeType: 'application/json', buffer: Buffer.from(fb.text) });
  await sun.page.locator('.toast').filter({ hasText: '这个全班反馈文件里没有你' }).waitFor();
  assert.equal((await exportWorkbook(sun.page)).json.collections.feedback?.length ?? 0, 0);

  // ── The class outlives a reload, until it is closed. ──
  await t.reload();
  await rows.nth(5).waitFor();
  assert.equal(await rows.count(), 6);
  await textIs(row('李明').getByTestId('overall'), '优');
  assert.equal(await t.getByTestId('copy-badge').count(), 2);
  await t.getByRole('button', { name: '全部关闭' }).click();
  await t.getByText('还没有打开学生工作簿。').waitFor();
  await t.reload();
  await t.getByText('还没有打开学生工作簿。').waitFor();
  assert.equal(await rows.count(), 0);

  for (const env of [li, sun, teacher, wf]) {
    assert.deepEqual(env.problems, []);
    await env.context.close();
  }
});
